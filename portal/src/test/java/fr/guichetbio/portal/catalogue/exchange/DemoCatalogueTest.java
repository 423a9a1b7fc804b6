package fr.guichetbio.portal.catalogue.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoCatalogueTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @Test
    void theDemoHasTheAdvertisedSizeAndIsTheSameEveryTime() {
        CatalogueDocument demo = DemoCatalogue.demo(TODAY);

        assertThat(demo.organisations()).hasSize(DemoCatalogue.ORGANISATIONS);
        List<CatalogueDocument.Site> sites = sites(demo);
        assertThat(sites).hasSize(DemoCatalogue.SITES);
        assertThat(demo).isEqualTo(DemoCatalogue.demo(TODAY));
        assertThat(demo).isNotEqualTo(DemoCatalogue.generate(DemoCatalogue.SEED + 1, 60, 90, TODAY));
        assertThat(demo.organisations().getFirst().key()).isEqualTo(DemoCatalogue.DEMO_CDMO_KEY);
    }

    @Test
    void theDemoIsPlausible() {
        List<CatalogueDocument.Site> sites = sites(DemoCatalogue.demo(TODAY));
        long abroad =
                sites.stream().filter(s -> !s.address().country().equals("FR")).count();
        assertThat(abroad).isBetween(3L, 20L);
        Set<String> regions = new HashSet<>();
        sites.forEach(s -> regions.add(s.address().regionCode()));
        assertThat(regions).hasSizeGreaterThan(10);
        assertThat(sites).allMatch(s -> s.name().endsWith("(fictive)"));
        long antibodies = count(sites, "MAB") + count(sites, "RECOMBINANT_PROTEIN");
        assertThat(antibodies).isGreaterThan(count(sites, "AAV") + count(sites, "LENTIVIRUS"));
        assertThat(count(sites, "MRNA_LNP")).isPositive();
        Set<String> levels = new HashSet<>();
        sites.stream()
                .filter(s -> s.gmpEvidence() != null)
                .flatMap(s -> s.gmpEvidence().stream())
                .forEach(e -> levels.add(e.verification()));
        assertThat(levels).containsExactlyInAnyOrder("SELF_DECLARED", "DOCUMENT_CHECKED", "REGISTRY_MATCHED");
        assertThat(sites.stream().filter(s -> s.availability() != null).flatMap(s -> s.availability().stream()))
                .isNotEmpty()
                .allMatch(a -> LocalDate.parse(a.from()).isAfter(TODAY)
                        && LocalDate.parse(a.to()).isBefore(TODAY.plusYears(2).plusMonths(4)));
        assertThat(sites).filteredOn(s -> s.siret() != null).isNotEmpty().allMatch(s -> Luhn.valid(s.siret()));
    }

    @Test
    void generatesLargeCataloguesForBenchmarks() {
        CatalogueDocument large = DemoCatalogue.generate(7, 4_000, 10_000, TODAY);
        assertThat(large.organisations()).hasSize(4_000);
        assertThat(sites(large)).hasSize(10_000);
        Set<String> keys = new HashSet<>();
        sites(large).forEach(s -> keys.add(s.key()));
        assertThat(keys).hasSize(10_000);
    }

    @Test
    void luhnChecksSirenAndSiret() {
        assertThat(Luhn.valid("732829320")).isTrue();
        assertThat(Luhn.valid("732829321")).isFalse();
        assertThat(Luhn.valid("73282932000074")).isTrue();
        assertThat(Luhn.valid(Luhn.complete("12345678"))).isTrue();
    }

    private static long count(List<CatalogueDocument.Site> sites, String modality) {
        return sites.stream()
                .flatMap(s -> s.capabilities().stream())
                .filter(c -> c.modality().equals(modality))
                .count();
    }

    private static List<CatalogueDocument.Site> sites(CatalogueDocument document) {
        return document.organisations().stream()
                .flatMap(o -> o.sites().stream())
                .toList();
    }
}
