package fr.guichetbio.portal.notification;

import fr.guichetbio.portal.identity.PortalUser;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's notices ({@code /notifications}, newest first, unread ones marked) with "mark all read", and
 * their choice of e-mails per category ({@code /compte/notifications}). The security configuration requires a
 * signed-in person on both; the person is always the signed-in one.
 */
@Controller
class NotificationsController {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final Notifications notifications;
    private final NotificationPreferences preferences;
    private final MessageSource messages;

    NotificationsController(Notifications notifications, NotificationPreferences preferences, MessageSource messages) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.messages = messages;
    }

    /** A notice as the page shows it: its text already in the reader's language. */
    record Row(String text, String link, ZonedDateTime createdAt, boolean unread) {}

    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal PortalUser user, Locale locale, Model model) {
        List<Row> rows = notifications.latest(user.personId()).stream()
                .map(item -> new Row(
                        messages.getMessage(item.messageKey(), item.arguments().toArray(), item.messageKey(), locale),
                        item.link(),
                        item.createdAt().atZone(ZONE),
                        item.unread()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("unread", rows.stream().filter(Row::unread).count());
        return "notifications/list";
    }

    @PostMapping("/notifications/lues")
    String markAllRead(@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        notifications.markAllRead(user.personId());
        redirect.addFlashAttribute("flashSuccess", "notification.list.markedRead");
        return "redirect:/notifications";
    }

    /** One switch per declared category. */
    record Choice(NotificationCategory category, boolean email) {}

    @GetMapping("/compte/notifications")
    String preferences(@AuthenticationPrincipal PortalUser user, Model model) {
        Map<String, Boolean> stored = preferences.of(user.personId());
        model.addAttribute(
                "choices",
                notifications.categories().stream()
                        .map(category -> new Choice(category, stored.getOrDefault(category.code(), true)))
                        .toList());
        return "notifications/preferences";
    }

    /** Ticked categories are on, the others off; codes that are no declared category are ignored. */
    @PostMapping("/compte/notifications")
    String savePreferences(
            @AuthenticationPrincipal PortalUser user,
            @RequestParam(name = "email", required = false) List<String> email,
            RedirectAttributes redirect) {
        Set<String> ticked = email == null ? Set.of() : Set.copyOf(email);
        preferences.save(
                user.personId(),
                notifications.categories().stream()
                        .collect(Collectors.toMap(
                                NotificationCategory::code, category -> ticked.contains(category.code()))));
        redirect.addFlashAttribute("flashSuccess", "notification.preferences.saved");
        return "redirect:/compte/notifications";
    }
}
