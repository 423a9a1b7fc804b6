package fr.guichetbio.portal.notification;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something to tell one person.
 *
 * @param personId who is told
 * @param category a category declared by the caller as a {@link NotificationCategory} bean, e.g. {@code
 *     matchmaking.request}: the person chooses per category whether they get e-mails
 * @param messageKey the key of the text in the portal's message bundles (French and English), e.g. {@code
 *     notification.matchmaking.request}
 * @param arguments the text's arguments ({@code {0}}, {@code {1}}…), plain text
 * @param link the portal page the notice leads to, a path starting with {@code /} (e.g. {@code
 *     /organisations/demo-cdmo/sites}), or {@code null}
 */
public record Notice(long personId, String category, String messageKey, List<String> arguments, String link) {

    static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    static final int MAX_ARGUMENT = 2000;
    static final int MAX_LINK = 500;

    public Notice {
        if (category == null
                || category.length() > 64
                || !CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("category must look like module.what, got " + category);
        }
        if (messageKey == null || messageKey.isBlank() || messageKey.length() > 160) {
            throw new IllegalArgumentException("messageKey is required (at most 160 characters)");
        }
        arguments = arguments == null
                ? List.of()
                : arguments.stream()
                        .map(argument -> Objects.toString(argument, ""))
                        .map(argument ->
                                argument.length() > MAX_ARGUMENT ? argument.substring(0, MAX_ARGUMENT) : argument)
                        .toList();
        if (link != null
                && (!link.startsWith("/")
                        || link.startsWith("//")
                        || link.startsWith("/\\")
                        || link.length() > MAX_LINK)) {
            throw new IllegalArgumentException("link must be a path of the portal starting with /, got " + link);
        }
    }

    /** A notice without arguments. */
    public Notice(long personId, String category, String messageKey, String link) {
        this(personId, category, messageKey, List.of(), link);
    }
}
