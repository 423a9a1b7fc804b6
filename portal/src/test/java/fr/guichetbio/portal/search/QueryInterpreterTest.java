package fr.guichetbio.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.catalogue.index.search.Facet;
import fr.guichetbio.catalogue.index.search.QueryTerm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How search texts are read (the gazetteer built at build time, the lexicon of the classpath). */
class QueryInterpreterTest {

    private static final QueryInterpreter INTERPRETER = new QueryInterpreter(new Gazetteer());

    private static List<QueryTerm> read(String text) {
        return INTERPRETER.interpret(text);
    }

    private static QueryTerm.Concept concept(String text, Facet facet, String... codes) {
        return new QueryTerm.Concept(text, facet, List.of(codes));
    }

    @Test
    void multiWordConceptsAreOneTermEachWhateverTheLanguage() {
        assertThat(read("ADN plasmidique"))
                .containsExactly(concept("ADN plasmidique", Facet.MODALITIES, "PLASMID_DNA"));
        assertThat(read("plasmid DNA")).containsExactly(concept("plasmid DNA", Facet.MODALITIES, "PLASMID_DNA"));
        assertThat(read("développement de procédé"))
                .containsExactly(concept("développement de procédé", Facet.SERVICES, "PROCESS_DEVELOPMENT"));
        assertThat(read("mRNA fill finish"))
                .containsExactly(
                        concept("mRNA", Facet.MODALITIES, "MRNA_LNP"),
                        concept("fill finish", Facet.SERVICES, "FILL_FINISH"));
        assertThat(read("CAR-T")).containsExactly(concept("CAR-T", Facet.MODALITIES, "GENE_MODIFIED_CELLS"));
        assertThat(read("Thérapies géniques"))
                .containsExactly(concept(
                        "Thérapies géniques",
                        Facet.MODALITIES,
                        "AAV",
                        "LENTIVIRUS",
                        "OTHER_VIRAL_VECTOR",
                        "GENE_MODIFIED_CELLS"));
    }

    @Test
    void misspeltConceptsAreStillConcepts() {
        assertThat(read("anticorsp monoclonaux"))
                .containsExactly(concept("anticorsp monoclonaux", Facet.MODALITIES, "MAB"));
        assertThat(read("lentivirsu")).containsExactly(concept("lentivirsu", Facet.MODALITIES, "LENTIVIRUS"));
        // Short words are never corrected: too many are one letter apart.
        assertThat(read("aac")).containsExactly(new QueryTerm.Word("aac"));
    }

    @Test
    void placesBecomeLocationConditions() {
        List<QueryTerm> terms = read("thérapie génique Toulouse");
        assertThat(terms).hasSize(2);
        QueryTerm.Place toulouse = (QueryTerm.Place) terms.get(1);
        assertThat(toulouse.name()).isEqualTo("Toulouse");
        assertThat(toulouse.radiusKm()).isEqualTo(QueryInterpreter.TOWN_RADIUS_KM);
        assertThat(toulouse.lat()).isBetween(43.5, 43.7);

        assertThat(read("AAV Pays de la Loire"))
                .containsExactly(
                        concept("AAV", Facet.MODALITIES, "AAV"), concept("Pays de la Loire", Facet.REGIONS, "52"));
        assertThat(read("anticorps Haute-Garonne"))
                .containsExactly(
                        concept("anticorps", Facet.MODALITIES, "MAB"),
                        new QueryTerm.Department("Haute-Garonne", "Haute-Garonne", "31"));
        assertThat(((QueryTerm.Place) read("vaccins 69007").get(1)).name()).isEqualTo("Lyon");
    }

    @Test
    void volumesStagesAndGmpAreConditionsInTheOrderTypedAndFillerIsDropped() {
        assertThat(read("aav 200 l clinique île-de-france"))
                .containsExactly(
                        concept("aav", Facet.MODALITIES, "AAV"),
                        new QueryTerm.MinimumVolume("200 l", 200),
                        concept("clinique", Facet.STAGES, "CLINICAL_EARLY", "CLINICAL_LATE"),
                        concept("île-de-france", Facet.REGIONS, "11"));
        assertThat(read("site CDMO pour anticorps sous BPF"))
                .containsExactly(concept("anticorps", Facet.MODALITIES, "MAB"), new QueryTerm.Gmp("sous BPF"));
        assertThat(read("2 000 litres")).containsExactly(new QueryTerm.MinimumVolume("2 000 litres", 2000));
    }

    @Test
    void productionTechnologiesAreConceptsInEitherLanguage() {
        assertThat(read("perfusion")).containsExactly(concept("perfusion", Facet.TECHNOLOGIES, "CONTINUOUS_UPSTREAM"));
        assertThat(read("jumeau numérique"))
                .containsExactly(concept("jumeau numérique", Facet.TECHNOLOGIES, "PROCESS_MODELLING_DIGITAL_TWIN"));
        assertThat(read("digital twin"))
                .containsExactly(concept("digital twin", Facet.TECHNOLOGIES, "PROCESS_MODELLING_DIGITAL_TWIN"));
        assertThat(read("systèmes clos CAR-T"))
                .containsExactly(
                        concept("systèmes clos", Facet.TECHNOLOGIES, "AUTOMATED_CLOSED_SYSTEMS"),
                        concept("CAR-T", Facet.MODALITIES, "GENE_MODIFIED_CELLS"));
        assertThat(read("PAT anticorps"))
                .containsExactly(
                        concept("PAT", Facet.TECHNOLOGIES, "PAT_ONLINE_CONTROL"),
                        concept("anticorps", Facet.MODALITIES, "MAB"));
        // Longer phrases win: "purification en continu" is a technology, not the downstream service.
        assertThat(read("purification en continu"))
                .containsExactly(concept("purification en continu", Facet.TECHNOLOGIES, "CONTINUOUS_DOWNSTREAM"));
    }

    @Test
    void otherWordsMustMatchAsWritten() {
        assertThat(read("Genopole cytométrie"))
                .containsExactly(new QueryTerm.Word("Genopole"), new QueryTerm.Word("cytométrie"));
        assertThat(read("")).isEmpty();
        assertThat(read("  de la  ")).isEmpty();
    }
}
