package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.OrganisationPageSection;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Matchmaking's section of an organisation's page: the way to its briefs and requests. Its fragment shows only to the
 * organisation's members (the page's {@code member}); the pages behind the links check membership themselves.
 */
@Component
class OrganisationMatchmaking implements OrganisationPageSection {

    @Override
    public Optional<Section> of(Organisation organisation) {
        return Optional.of(new Section(
                "matchmaking/organisation-section",
                "matchmaking",
                Map.of(
                        "slug",
                        organisation.slug(),
                        "manufacturer",
                        organisation.kind() == OrganisationKind.MANUFACTURER)));
    }
}
