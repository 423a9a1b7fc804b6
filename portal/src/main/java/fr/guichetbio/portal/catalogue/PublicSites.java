package fr.guichetbio.portal.catalogue;

/**
 * Which sites the public sees, in the public pages, the export, the sitemap and the search index alike: those of an
 * active organisation with at least one capability (a site just created in the editor stays a draft until then;
 * catalogue/v1 requires a capability too).
 */
public final class PublicSites {

    /** The rule as an SQL condition on {@code s} (the site) and {@code o} (its organisation). */
    public static final String CONDITION =
            "o.status = 'ACTIVE' and exists (select 1 from capability pc where pc.site_id = s.id)";

    private PublicSites() {}
}
