package fr.guichetbio.portal.learning;

import fr.guichetbio.portal.notification.Notice;
import fr.guichetbio.portal.notification.NotificationCategory;
import fr.guichetbio.portal.notification.Notifications;
import fr.guichetbio.training.CertificateExpiring;
import fr.guichetbio.training.CertificateIssued;
import fr.guichetbio.training.CertificateRenewalRequired;
import fr.guichetbio.training.CertificateRevoked;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells holders about their certificates (in the portal and by e-mail), after training's change commits: issued,
 * revoked (with the reason), renewal required by a major course version, and the reminders before expiry. Each
 * notice links to the learner's certificates page.
 */
@Component
class CertificateNotices {

    static final String CERTIFICATE = "training.certificate";
    static final String REMINDER = "training.reminder";
    private static final String PAGE = "/formation/certificats";
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final Notifications notifications;

    CertificateNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @Bean
    static NotificationCategory trainingCertificate() {
        return new NotificationCategory(CERTIFICATE);
    }

    @Bean
    static NotificationCategory trainingReminder() {
        return new NotificationCategory(REMINDER);
    }

    @ApplicationModuleListener
    void on(CertificateIssued issued) {
        notifications.notify(new Notice(
                issued.personId(),
                CERTIFICATE,
                "notification.training.issued",
                List.of(issued.courseTitle(), day(issued.validUntil())),
                PAGE));
    }

    @ApplicationModuleListener
    void on(CertificateRevoked revoked) {
        notifications.notify(new Notice(
                revoked.personId(),
                CERTIFICATE,
                "notification.training.revoked",
                List.of(revoked.courseTitle(), revoked.reason()),
                PAGE));
    }

    @ApplicationModuleListener
    void on(CertificateRenewalRequired required) {
        notifications.notify(new Notice(
                required.personId(),
                CERTIFICATE,
                "notification.training.renewal",
                List.of(required.courseTitle(), day(required.deadline())),
                PAGE));
    }

    @ApplicationModuleListener
    void on(CertificateExpiring expiring) {
        notifications.notify(new Notice(
                expiring.personId(),
                REMINDER,
                "notification.training.expiring",
                List.of(expiring.courseTitle(), day(expiring.expiresAt()), Integer.toString(expiring.daysBefore())),
                PAGE));
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, FRANCE).toString();
    }
}
