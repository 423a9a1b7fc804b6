package fr.guichetbio.portal.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.util.Arrays;
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
    void aRegionsClassIsTheQuarterOfTheLargestFigureHoldingIt() {
        assertThat(RegionMap.level(0, 0, 1000)).isZero();
        assertThat(RegionMap.level(3, 0, 1000)).as("sites without volume").isEqualTo(1);
        assertThat(RegionMap.level(1, 250, 1000)).isEqualTo(1);
        assertThat(RegionMap.level(1, 250.5, 1000)).isEqualTo(2);
        assertThat(RegionMap.level(1, 750, 1000)).isEqualTo(3);
        assertThat(RegionMap.level(1, 999, 1000)).isEqualTo(4);
        assertThat(RegionMap.level(1, 1000, 1000)).isEqualTo(4);
        assertThat(RegionMap.level(2, 5, 0)).isEqualTo(1);
        assertThat(RegionMap.upperBound(1, 1001)).isEqualTo(251);
        assertThat(RegionMap.upperBound(4, 1001)).isEqualTo(1001);
        assertThat(RegionMap.FILLS).hasSize(RegionMap.CLASSES + 1);
    }
}
