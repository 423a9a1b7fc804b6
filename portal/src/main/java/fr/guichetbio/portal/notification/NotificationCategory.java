package fr.guichetbio.portal.notification;

/**
 * A kind of notice that a module sends, declared by that module as a bean; the preferences page offers one e-mail
 * switch per declared category, labelled {@code notification.category.<code>} in the message bundles.
 *
 * @param code {@code <module>.<what>} in lower case, e.g. {@code matchmaking.reply}
 */
public record NotificationCategory(String code) {

    public NotificationCategory {
        if (code == null || code.length() > 64 || !Notice.CATEGORY.matcher(code).matches()) {
            throw new IllegalArgumentException("A category code looks like module.what, got " + code);
        }
    }

    /** The message key of the category's label. */
    public String labelKey() {
        return "notification.category." + code;
    }
}
