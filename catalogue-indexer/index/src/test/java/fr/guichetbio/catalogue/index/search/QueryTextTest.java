package fr.guichetbio.catalogue.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTextTest {

    @ParameterizedTest(name = "\"{0}\" → {1} L, words \"{2}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "aav 200 l clinique|200|aav clinique",
                "anticorps 2000L commercial|2000|anticorps commercial",
                "2 000 litres CHO|2000|cho",
                "1,5 L|1.5|''",
                "500 liters mAb|500|mab",
            })
    void takesTheVolumeOutOfTheWords(String text, double litres, String words) {
        QueryText parsed = QueryText.parse(text);
        assertThat(parsed.minimumLitres()).hasValue(litres);
        assertThat(parsed.words()).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"l'usine de Lyon", "200 lots", "CAR T autologue"})
    void aNumberWithoutALitreUnitIsNoVolume(String text) {
        assertThat(QueryText.parse(text).minimumLitres()).as(text).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" → region {1}, words \"{2}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "aav clinique île-de-france|11|aav clinique",
                "Ile de France|11|''",
                "thérapie génique Auvergne-Rhône-Alpes|84|therapie genique",
                "mAb Brittany|53|mab",
                "vaccins Provence-Alpes-Côte d’Azur|93|vaccins",
            })
    void recognisesARegionByName(String text, String region, String words) {
        QueryText parsed = QueryText.parse(text);
        assertThat(parsed.regionCode()).isEqualTo(region);
        assertThat(parsed.words()).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"therapie genique lyon", "Francebio", "grand estuaire"})
    void noRegionInOtherWords(String text) {
        assertThat(QueryText.parse(text).regionCode()).as(text).isNull();
    }
}
