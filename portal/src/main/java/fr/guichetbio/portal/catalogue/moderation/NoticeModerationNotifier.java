package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.notification.Notice;
import fr.guichetbio.portal.notification.NotificationCategory;
import fr.guichetbio.portal.notification.Notifications;
import fr.guichetbio.portal.organisation.MembershipRole;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells each administrator of the organisation through the notification module: a notice in the portal, and an
 * e-mail unless they turned the category {@value #CATEGORY} off. Runs in the transaction of {@link RejectionNotices}'
 * listener, after the rejection committed; the notice leads to the organisation's listing editor, where the
 * rejection and its reason are shown.
 */
@Component
class NoticeModerationNotifier implements ModerationNotifier {

    static final String CATEGORY = "catalogue.rejection";

    private static final Logger log = LoggerFactory.getLogger(NoticeModerationNotifier.class);

    private final Organisations organisations;
    private final Notifications notifications;

    NoticeModerationNotifier(Organisations organisations, Notifications notifications) {
        this.organisations = organisations;
        this.notifications = notifications;
    }

    @Bean
    static NotificationCategory catalogueRejection() {
        return new NotificationCategory(CATEGORY);
    }

    @Override
    @Transactional
    public void rejected(Rejection rejection) {
        Optional<Organisation> organisation = organisations.find(rejection.organisationId());
        List<Long> admins = organisations.memberships(rejection.organisationId()).stream()
                .filter(row -> row.role() == MembershipRole.ADMIN)
                .map(row -> row.personId())
                .toList();
        if (organisation.isEmpty() || admins.isEmpty()) {
            // Nobody to tell: the organisation still sees the rejection in its journal once it has members.
            log.warn(
                    "Rejection of {} {} not notified: organisation {} has no administrator",
                    rejection.subject(),
                    rejection.subjectId(),
                    rejection.organisationId());
            return;
        }
        String key = rejection.subject() == Subject.EVIDENCE
                ? "notification.catalogue.evidenceRejected"
                : "notification.catalogue.listingRejected";
        String link = "/organisations/" + organisation.get().slug() + "/sites";
        for (long admin : admins) {
            notifications.notify(
                    new Notice(admin, CATEGORY, key, List.of(rejection.label(), rejection.reason()), link));
        }
    }
}
