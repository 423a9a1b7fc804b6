package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationPageSection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The catalogue's section of an organisation's public page: its public sites, when it has any. */
@Component
class OrganisationSites implements OrganisationPageSection {

    private final PublicCatalogue catalogue;

    OrganisationSites(PublicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Optional<Section> of(Organisation organisation) {
        List<PublicCatalogue.SiteSummary> sites = catalogue.sitesOf(organisation.slug());
        return sites.isEmpty()
                ? Optional.empty()
                : Optional.of(new Section("catalogue/organisation-sites", "sites", Map.of("sites", sites)));
    }
}
