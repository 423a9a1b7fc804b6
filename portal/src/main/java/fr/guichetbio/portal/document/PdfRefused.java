package fr.guichetbio.portal.document;

/** An uploaded file the portal does not keep; {@link #reason()} says why, for the page or the API to word it. */
public final class PdfRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a file was refused; {@link #key()} ends the message keys of the pages that accept PDFs. */
    public enum Reason {
        EMPTY("empty"),
        TOO_LARGE("tooLarge"),
        NOT_PDF("notPdf"),
        /** Starts like a PDF but cannot be read (damaged), or is password-protected: it cannot be cleaned. */
        UNREADABLE("unreadable");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final Reason reason;

    PdfRefused(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
