package fr.guichetbio.portal.organisation;

import java.io.Serial;

/**
 * A change refused by a business rule (stale form, last administrator, invitation already used…): nothing was
 * changed, and {@link #messageKey()} tells the person why in their language.
 */
public class OrganisationRefusal extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String messageKey;

    public OrganisationRefusal(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
