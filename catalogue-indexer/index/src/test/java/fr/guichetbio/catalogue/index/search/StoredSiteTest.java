package fr.guichetbio.catalogue.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import fr.guichetbio.catalogue.index.search.CatalogueQuery.Near;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A hit's stored fields, read into {@link StoredSite} by the client's mappers as the portal and the tests use them. */
class StoredSiteTest {

    static List<JsonpMapper> mappers() {
        return List.of(new Jackson3JsonpMapper(), new JacksonJsonpMapper());
    }

    @Test
    void theRecordHoldsExactlyTheFieldsTheSearchAsksFor() {
        assertThat(Arrays.stream(StoredSite.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactlyInAnyOrderElementsOf(CatalogueSearch.SOURCE);
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void aStoredDocumentBecomesAHitWithItsDistance(JsonpMapper mapper) {
        String json = """
                {"key":"bioprod-lyon","name":"Site de Gerland","organisationName":"BioProd","organisationSlug":"bioprod",
                 "organisationKind":"CDMO","city":"Lyon","regionCode":"84","country":"FR",
                 "location":{"lat":45.7491,"lon":4.8479},"modalities":["AAV","MAB"],"services":["FILL_FINISH"],
                 "largestVolumeLitres":2000.0,"verification":"DOCUMENT_CHECKED","nextSlotFrom":"2027-04-01"}
                """;
        StoredSite source =
                mapper.deserialize(mapper.jsonProvider().createParser(new StringReader(json)), StoredSite.class);

        // Paris (Notre-Dame) to Lyon-Gerland: 392 km as the crow flies.
        CatalogueResults.Hit hit = CatalogueSearch.hit("42", source, new Near(48.8530, 2.3499, 500));

        assertThat(hit.id()).isEqualTo(42);
        assertThat(hit.key()).isEqualTo("bioprod-lyon");
        assertThat(hit.organisationSlug()).isEqualTo("bioprod");
        assertThat(hit.modalities()).containsExactly("AAV", "MAB");
        assertThat(hit.stages()).as("absent from the document").isEmpty();
        assertThat(hit.largestVolumeLitres()).isEqualTo(2000.0);
        assertThat(hit.nextSlotFrom()).isEqualTo(LocalDate.of(2027, 4, 1));
        assertThat(hit.distanceKm()).isBetween(385.0, 400.0);
    }

    @Test
    void aHitWithoutStoredFieldsHasNoValuesAndNoDistance() {
        CatalogueResults.Hit hit = CatalogueSearch.hit("x", StoredSite.EMPTY, new Near(48.85, 2.35, 50));

        assertThat(hit.id()).isEqualTo(-1);
        assertThat(hit.modalities()).isEmpty();
        assertThat(hit.largestVolumeLitres()).isZero();
        assertThat(hit.distanceKm()).isNull();
    }
}
