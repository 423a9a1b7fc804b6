package fr.guichetbio.portal.apiclient;

import fr.guichetbio.portal.apiclient.ApiClientRegistrations.RevocationReason;
import fr.guichetbio.portal.apiclient.ApiClientRegistrations.RevokedWithCreator;
import fr.guichetbio.portal.identity.PersonSuspended;
import fr.guichetbio.portal.organisation.AdminRightsEnded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A client lives as long as its creator's admin rights on its organisation. Plain, synchronous listeners on purpose:
 * the revocation commits with its cause (a removal that commits while the client still works would leave a window;
 * a revocation that fails rolls the removal back). The admins are told once both have committed.
 */
@Component
class CreatorRights {

    private final ApiClientRegistrations registrations;
    private final ApiClientNotifier notifier;

    CreatorRights(ApiClientRegistrations registrations, ApiClientNotifier notifier) {
        this.registrations = registrations;
        this.notifier = notifier;
    }

    @EventListener
    void on(AdminRightsEnded ended) {
        RevocationReason reason = switch (ended.cause()) {
            case REMOVED -> RevocationReason.CREATOR_REMOVED;
            case DEMOTED -> RevocationReason.CREATOR_DEMOTED;
            case LEFT -> RevocationReason.CREATOR_LEFT;
            case ACCOUNT_DELETED -> RevocationReason.CREATOR_DELETED;
        };
        registrations.revokeCreatedBy(ended.personId(), ended.organisationId(), ended.actorPersonId(), reason);
    }

    /** A suspended person stays a member, but answers for nothing while suspended: every organisation's clients go. */
    @EventListener
    void on(PersonSuspended suspended) {
        registrations.revokeCreatedBy(
                suspended.personId(), null, suspended.actorPersonId(), RevocationReason.CREATOR_SUSPENDED);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RevokedWithCreator revoked) {
        notifier.revokedWithCreator(revoked);
    }
}
