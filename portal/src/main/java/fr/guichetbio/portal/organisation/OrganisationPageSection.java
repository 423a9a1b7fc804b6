package fr.guichetbio.portal.organisation;

import java.util.Map;
import java.util.Optional;

/**
 * A section that another module adds to an organisation's public page, e.g. the catalogue's list of its sites: the
 * page renders every section contributed, in order, without depending on the modules that contribute them (they
 * depend on this module, not the other way round).
 */
public interface OrganisationPageSection {

    /**
     * The section for this organisation as the page shows it, or empty to show nothing.
     */
    Optional<Section> of(Organisation organisation);

    /**
     * A Thymeleaf fragment ({@code template :: fragment}) and what it shows, available to it as {@code section.model}.
     */
    record Section(String template, String fragment, Map<String, Object> model) {}
}
