package fr.guichetbio.portal.catalogue.listing;

/** The uploaded certificate is empty, too large or not a PDF; {@code messageKey} says which. */
public final class CertificateRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String messageKey;

    CertificateRefused(String messageKey) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
