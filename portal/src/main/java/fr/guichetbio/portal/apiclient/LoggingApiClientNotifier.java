package fr.guichetbio.portal.apiclient;

import fr.guichetbio.portal.apiclient.ApiClientRegistrations.RevokedWithCreator;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PersonSummary;
import fr.guichetbio.portal.organisation.MembershipRole;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs "a mail would be sent" to each remaining administrator of the organisation instead of sending it (no mail
 * server on this machine): its admins other than the creator, with an email address, neither suspended nor deleted.
 */
@Component
class LoggingApiClientNotifier implements ApiClientNotifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingApiClientNotifier.class);

    private final Organisations organisations;
    private final People people;

    LoggingApiClientNotifier(Organisations organisations, People people) {
        this.organisations = organisations;
        this.people = people;
    }

    @Override
    public void revokedWithCreator(RevokedWithCreator revoked) {
        try {
            String organisationName = organisations
                    .find(revoked.organisationId())
                    .map(Organisation::name)
                    .orElse("#" + revoked.organisationId());
            List<String> clients = revoked.clients().stream()
                    .map(client -> "\"" + client.name() + "\" (" + client.clientId() + ")")
                    .toList();
            List<String> recipients = remainingAdminEmails(revoked);
            if (recipients.isEmpty()) {
                log.warn(
                        "API clients {} of \"{}\" revoked ({}), not mailed: no other administrator with an email",
                        clients,
                        organisationName,
                        revoked.reason().code());
                return;
            }
            for (String recipient : recipients) {
                log.info(
                        "Mail would be sent to {} for \"{}\": API clients {} revoked, reason: {} (person #{})"
                                + " (no mail server configured)",
                        recipient,
                        organisationName,
                        clients,
                        revoked.reason().code(),
                        revoked.creatorId());
            }
        } catch (RuntimeException e) {
            log.error(
                    "Could not tell the admins of organisation {} about revoked API clients",
                    revoked.organisationId(),
                    e);
        }
    }

    private List<String> remainingAdminEmails(RevokedWithCreator revoked) {
        return organisations.memberships(revoked.organisationId()).stream()
                .filter(row -> row.role() == MembershipRole.ADMIN && row.personId() != revoked.creatorId())
                .map(row -> people.find(row.personId()))
                .flatMap(Optional::stream)
                .filter(person -> !person.deleted()
                        && !person.suspended()
                        && person.email() != null
                        && !person.email().isBlank())
                .map(PersonSummary::email)
                .toList();
    }
}
