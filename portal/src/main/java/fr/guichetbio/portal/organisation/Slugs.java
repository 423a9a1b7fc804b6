package fr.guichetbio.portal.organisation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** URL names of organisations: lower-case ASCII words joined by hyphens, accents folded. */
public final class Slugs {

    static final int MAX_LENGTH = 64;

    /** Path segments under {@code /organisations/} that a slug must never take. */
    static final Set<String> RESERVED = Set.of("nouvelle", "new", "admin");

    private Slugs() {}

    /** "Démo Biotech (fictive)" → "demo-biotech-fictive"; never empty. */
    public static String of(String name) {
        String folded = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replace("œ", "oe")
                .replace("Œ", "oe")
                .replace("æ", "ae")
                .replace("Æ", "ae")
                .replace("ß", "ss")
                .toLowerCase(Locale.ROOT);
        String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_LENGTH - 8) {
            slug = slug.substring(0, MAX_LENGTH - 8).replaceAll("-+$", "");
        }
        if (slug.isEmpty() || RESERVED.contains(slug)) {
            slug = slug.isEmpty() ? "organisation" : slug + "-organisation";
        }
        return slug;
    }

    /** A wanted slug (e.g. a catalogue key) as it is when it is already a free-to-use slug, else {@link #of} it. */
    static String preferred(String wanted) {
        return wanted != null
                        && wanted.length() <= MAX_LENGTH
                        && wanted.matches("[a-z0-9]+(-[a-z0-9]+)*")
                        && !RESERVED.contains(wanted)
                ? wanted
                : of(wanted);
    }

    /**
     * The n-th candidate for a name whose slug is taken: "acme", "acme-2", "acme-3"…; the base is shortened so that the
     * candidate keeps within {@link #MAX_LENGTH}.
     */
    public static String candidate(String base, int n) {
        if (n <= 1) {
            return base;
        }
        String suffix = "-" + n;
        return base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())) + suffix;
    }

    /** The first candidate of {@code base} that is not {@code taken}. */
    static String free(String base, Predicate<String> taken) {
        for (int n = 1; ; n++) {
            String slug = candidate(base, n);
            if (!taken.test(slug)) {
                return slug;
            }
        }
    }
}
