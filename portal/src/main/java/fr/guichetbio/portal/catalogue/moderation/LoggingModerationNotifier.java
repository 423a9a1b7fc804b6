package fr.guichetbio.portal.catalogue.moderation;

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
 * Logs "a mail would be sent" to each administrator of the organisation instead of sending it (no mail server on
 * this machine). The recipients are looked up as an SMTP implementation would: the organisation's administrators who
 * have an email address and have not deleted their account.
 */
@Component
class LoggingModerationNotifier implements ModerationNotifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingModerationNotifier.class);

    private final Organisations organisations;
    private final People people;

    LoggingModerationNotifier(Organisations organisations, People people) {
        this.organisations = organisations;
        this.people = people;
    }

    @Override
    public void rejected(Rejection rejection) {
        String organisationName = organisations
                .find(rejection.organisationId())
                .map(Organisation::name)
                .orElse("#" + rejection.organisationId());
        List<String> recipients = adminEmails(rejection.organisationId());
        if (recipients.isEmpty()) {
            // Nobody to tell by mail: the organisation still sees the rejection in its journal once it has members.
            log.warn(
                    "Rejection of {} {} of \"{}\" not mailed: the organisation has no administrator with an email",
                    rejection.subject(),
                    rejection.subjectId(),
                    organisationName);
            return;
        }
        for (String recipient : recipients) {
            log.info(
                    "Rejection mail would be sent to {} for \"{}\": {} {} \"{}\" rejected, reason: {}"
                            + " (no mail server configured)",
                    recipient,
                    organisationName,
                    rejection.subject(),
                    rejection.subjectId(),
                    rejection.label(),
                    rejection.reason());
        }
    }

    private List<String> adminEmails(long organisationId) {
        return organisations.memberships(organisationId).stream()
                .filter(row -> row.role() == MembershipRole.ADMIN)
                .map(row -> people.find(row.personId()))
                .flatMap(Optional::stream)
                .filter(person -> !person.deleted()
                        && person.email() != null
                        && !person.email().isBlank())
                .map(PersonSummary::email)
                .toList();
    }
}
