package fr.guichetbio.portal.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The map's outlines cover the region vocabulary exactly, and a region's class follows its figure. */
class RegionMapTest {

    @Test
    void thereIsOneOutlinePerRegionOfTheVocabularyAndInsetsForTheFiveOverseas() {
        RegionShapes shapes = RegionShapes.load();
        assertThat(shapes.paths().keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Vocabulary.Region.values())
                        .map(Vocabulary.Region::code)
                        .toList());
        assertThat(shapes.paths().values()).allMatch(d -> d.matches("M[0-9. LMZ]+Z"));
        assertThat(shapes.insets()).hasSize(5);
        assertThat(shapes.viewBox()).isEqualTo("0 0 640 540");
    }

    @Test
    void aRegionsClassIsTheQuarterOfTheRegionsWithSitesItsRankFallsIn() {
        List<Double> eight = List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0);
        assertThat(eight.stream().map(v -> RegionMap.level(v, eight)).toList()).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
        assertThat(RegionMap.level(5.0, List.of(5.0))).as("alone: the darkest").isEqualTo(4);
        assertThat(RegionMap.level(1.0, List.of(1.0, 9.0))).isEqualTo(2);
        List<Double> ties = List.of(3.0, 3.0, 3.0, 8.0);
        assertThat(RegionMap.level(3.0, ties)).as("ties share a class").isEqualTo(3);
        assertThat(RegionMap.level(8.0, ties)).isEqualTo(4);
        assertThat(RegionMap.FILLS).hasSize(RegionMap.CLASSES + 1);
    }
}
