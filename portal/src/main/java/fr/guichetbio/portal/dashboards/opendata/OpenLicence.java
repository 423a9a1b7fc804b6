package fr.guichetbio.portal.dashboards.opendata;

/** The licence of every public dataset: Etalab's Licence Ouverte / Open Licence 2.0 (reuse with attribution). */
final class OpenLicence {

    static final String NAME = "Licence Ouverte / Open Licence 2.0";

    static final String URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

    private OpenLicence() {}
}
