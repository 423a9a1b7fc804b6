package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.identity.AccountDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the organisation module holds on a person whose account is deleted: their memberships end, the invitations
 * addressed to or used by them lose the address (unused ones are revoked), their claims lose the justification
 * (pending ones are closed).
 *
 * <p>Plain, synchronous listeners, not {@code @ApplicationModuleListener}, on purpose: each of these effects must
 * commit atomically with the deletion. A deleted account must not stay a member or an admin for a moment (leaving
 * publishes {@link AdminRightsEnded}, on which the API clients module revokes the clients the person registered, in
 * the same transaction); personal data must not outlive the account if a later step failed; and invitations are
 * matched on the person's address, which the deletion erases right after this listener. Effects that may come after
 * the commit (e.g. telling an organisation's admins) would be {@code @ApplicationModuleListener}s; the deletion has
 * none today.
 */
@Component
class AccountDeletions {

    private final Memberships memberships;
    private final InvitationsOfPerson invitations;
    private final Claims claims;

    AccountDeletions(Memberships memberships, InvitationsOfPerson invitations, Claims claims) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.claims = claims;
    }

    @EventListener
    void on(AccountDeleted deleted) {
        memberships.leaveAll(deleted.personId());
        invitations.erase(deleted.personId());
        claims.erase(deleted.personId());
    }
}
