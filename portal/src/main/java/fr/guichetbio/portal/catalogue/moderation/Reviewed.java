package fr.guichetbio.portal.catalogue.moderation;

import java.util.Locale;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What a moderator saw when they opened an item of the queue, carried by their decision: the site's version (every
 * change of a site's content, its evidence and its certificates bumps it) and, for GMP evidence, the SHA-256 of the
 * certificate they could open ({@code null}: none was uploaded). A decision is taken only on the same version and
 * certificate; otherwise it is refused ({@link Outdated}) and the item stays in the queue.
 *
 * @param siteVersion the site's version shown in the queue, {@code null} when the form did not say
 * @param certificateSha256 the certificate's digest shown in the queue, {@code null} or blank when none
 */
public record Reviewed(Integer siteVersion, String certificateSha256) {

    public Reviewed {
        certificateSha256 = certificateSha256 == null || certificateSha256.isBlank()
                ? null
                : certificateSha256.strip().toLowerCase(Locale.ROOT);
    }

    /** The longest comment or reason a decision keeps (the columns' size). */
    public static final int MAX_TEXT_LENGTH = 2000;

    /** A decision's comment as kept: stripped, {@code null} when blank; refused when longer than the column. */
    static String kept(String text) {
        String kept = text == null || text.isBlank() ? null : text.strip();
        if (kept != null && kept.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("Comment longer than " + MAX_TEXT_LENGTH);
        }
        return kept;
    }

    /** A rejection's reason as kept: required, since the organisation must know what to fix. */
    static String reason(String text) {
        String kept = kept(text);
        if (kept == null) {
            throw new IllegalArgumentException("A rejection needs a reason");
        }
        return kept;
    }

    public static Reviewed listing(Integer siteVersion) {
        return new Reviewed(siteVersion, null);
    }

    /** Refuses the decision unless the item is still what the moderator saw. */
    void require(int currentVersion, String currentCertificateSha256) {
        if (siteVersion == null
                || siteVersion != currentVersion
                || !Objects.equals(certificateSha256, new Reviewed(null, currentCertificateSha256).certificateSha256)) {
            throw new Outdated();
        }
    }

    /** The item changed since the moderator opened it (or the form said nothing of what they saw): answered 409. */
    @ResponseStatus(HttpStatus.CONFLICT)
    public static final class Outdated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outdated() {
            super("Changed since the moderator opened it", null, false, false);
        }
    }
}
