package fr.guichetbio.portal.dashboards.opendata;

import java.util.Arrays;
import java.util.Optional;

/**
 * The public datasets, by their stable slug: {@code /donnees/{slug}.csv} and {@code .json}. Titles and descriptions
 * are in the message bundles ({@code opendata.dataset.{slug}.title}, {@code .description}), read by the page and the
 * DCAT catalogue alike.
 */
enum Dataset {
    /** One row per site and modality: the public catalogue's fields, no contact and no person. */
    CATALOGUE("sites-capacites"),
    /** Briefs opened per quarter, region and modality, small cells hidden. */
    DEMAND("demande-projets"),
    /** People certified per quarter, course and region, small cells hidden. */
    TRAINING("certifications"),
    /** People enrolling in and completing each course per quarter, small cells hidden. */
    COMPLETIONS("formations-suivies");

    private final String slug;

    Dataset(String slug) {
        this.slug = slug;
    }

    String slug() {
        return slug;
    }

    /** The French title, for the JSON distribution (the bundles are read with the portal's default locale). */
    String titleFr() {
        return switch (this) {
            case CATALOGUE -> "Sites de bioproduction et leurs capacités";
            case DEMAND -> "Demande de capacités de bioproduction par trimestre, région et modalité";
            case TRAINING -> "Personnes certifiées par trimestre, formation et région";
            case COMPLETIONS -> "Inscriptions et achèvements des formations par trimestre";
        };
    }

    static Optional<Dataset> bySlug(String slug) {
        return Arrays.stream(values())
                .filter(dataset -> dataset.slug.equals(slug))
                .findFirst();
    }
}
