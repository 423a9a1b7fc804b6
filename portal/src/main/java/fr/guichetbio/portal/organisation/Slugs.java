package fr.guichetbio.portal.organisation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

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

    /** The n-th candidate for a name whose slug is taken: "acme", "acme-2", "acme-3"… */
    public static String candidate(String base, int n) {
        return n <= 1 ? base : base + "-" + n;
    }
}
