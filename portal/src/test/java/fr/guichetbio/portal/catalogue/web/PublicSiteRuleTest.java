package fr.guichetbio.portal.catalogue.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.SiteDocuments;
import org.junit.jupiter.api.Test;

/** The search index and the public pages show the same sites. */
class PublicSiteRuleTest {

    @Test
    void theIndexUsesThePublicCataloguesRule() {
        assertThat(SiteDocuments.PUBLIC_SITE).isEqualTo(PublicCatalogue.PUBLIC_SITE);
    }
}
