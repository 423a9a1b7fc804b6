package fr.guichetbio.portal.identity;

/**
 * A change to an account refused by a business rule (not an access violation): carries the message key the page
 * shows, e.g. {@code admin.users.error.selfSuspend}, and optional message arguments.
 */
public class AccountRefusedException extends RuntimeException {

    private final String messageKey;

    private final transient Object[] arguments;

    public AccountRefusedException(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
