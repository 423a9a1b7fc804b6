package fr.guichetbio.portal.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Logs "a mail would be sent" instead of sending it; the link is shown once to the inviting admin instead. */
@Component
class LoggingInvitationMailer implements InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(LoggingInvitationMailer.class);

    @Override
    public void send(String email, String organisationName, MembershipRole role, String link) {
        // The link is a bearer secret: it is not logged.
        log.info(
                "Invitation mail would be sent to {} to join \"{}\" as {} (no mail server configured)",
                email,
                organisationName,
                role);
    }
}
