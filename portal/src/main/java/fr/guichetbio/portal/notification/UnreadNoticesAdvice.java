package fr.guichetbio.portal.notification;

import fr.guichetbio.portal.identity.PortalUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The header's unread counter ({@code ${unreadNotices.count}}): {@code null} for anonymous visitors, who cost no query;
 * for a signed-in person the count is read once, only when a template asks for it (an htmx partial or a JSON answer
 * never does); none on error pages, which must render even when the database is what failed (503 while it is
 * unreachable).
 */
@ControllerAdvice
class UnreadNoticesAdvice {

    private final Notifications notifications;

    UnreadNoticesAdvice(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotices")
    UnreadNotices unreadNotices(@AuthenticationPrincipal Object principal, HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return null;
        }
        return principal instanceof PortalUser user ? new UnreadNotices(notifications, user.personId()) : null;
    }

    /** The count of the person's unread notices, read on first use. */
    public static final class UnreadNotices {

        private final Notifications notifications;
        private final long personId;
        private Long count;

        UnreadNotices(Notifications notifications, long personId) {
            this.notifications = notifications;
            this.personId = personId;
        }

        public long getCount() {
            if (count == null) {
                count = notifications.unreadCount(personId);
            }
            return count;
        }
    }
}
