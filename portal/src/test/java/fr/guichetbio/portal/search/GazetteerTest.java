package fr.guichetbio.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gazetteer built from the npm packages at build time (target/classes/search/communes-fr.tsv). */
class GazetteerTest {

    private final Gazetteer gazetteer = new Gazetteer();

    @Test
    void findsCommunesByNameWhateverTheSpelling() {
        assertThat(gazetteer.size()).isGreaterThan(5000);
        Gazetteer.Place lyon = gazetteer.find("lyon").orElseThrow();
        assertThat(lyon.inseeCode()).isEqualTo("69123");
        assertThat(lyon.regionCode()).isEqualTo("84");
        assertThat(lyon.lat()).isBetween(45.7, 45.8);
        assertThat(gazetteer.find("Illkirch Graffenstaden").orElseThrow().regionCode())
                .isEqualTo("44");
        assertThat(gazetteer.find("ST-ETIENNE").orElseThrow().inseeCode()).isEqualTo("42218");
    }

    @Test
    void findsCommunesByPostalCode() {
        assertThat(gazetteer.find("69003").orElseThrow().name()).isEqualTo("Lyon");
        assertThat(gazetteer.find("Paris 75013").orElseThrow().name()).isEqualTo("Paris");
        assertThat(gazetteer.find("91190").orElseThrow().regionCode()).isEqualTo("11");
    }

    @Test
    void homonymsGoToTheMostPopulous() {
        // Saint-Priest (Rhône, ~48,000 inhabitants) rather than Saint-Priest (Ardèche).
        assertThat(gazetteer.find("Saint-Priest").orElseThrow().inseeCode()).isEqualTo("69290");
    }

    @Test
    void unknownPlacesAreNotFound() {
        assertThat(gazetteer.find("Nullepartville")).isEmpty();
        assertThat(gazetteer.find("00000")).isEmpty();
        assertThat(gazetteer.find(" ")).isEmpty();
    }
}
