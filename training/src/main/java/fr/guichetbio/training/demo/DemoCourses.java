package fr.guichetbio.training.demo;

import fr.guichetbio.training.path.BioproductionRole;
import fr.guichetbio.training.path.LearningPath;
import java.util.List;

/** Every demo course, and the demo learning paths (one per role) that order them. */
public final class DemoCourses {

    private DemoCourses() {}

    public static List<DemoCourse> all() {
        return List.of(
                GmpFundamentals.course(),
                CellCulture.course(),
                Purification.course(),
                AsepticFilling.course(),
                MicrobiologicalQc.course(),
                CarTManufacturing.course());
    }

    /** The paths; a path names only courses of {@link #all()} (checked by the tests). */
    public static List<LearningPath> paths() {
        String gmp = GmpFundamentals.CODE;
        String culture = CellCulture.CODE;
        String purification = Purification.CODE;
        String filling = AsepticFilling.CODE;
        String microbiology = MicrobiologicalQc.CODE;
        String carT = CarTManufacturing.CODE;
        return List.of(
                new LearningPath(
                        "operateur-amont",
                        BioproductionRole.USP_OPERATOR,
                        "Opérateur ou opératrice de production amont",
                        "Upstream production operator",
                        "Conduire une culture cellulaire en bioréacteur selon les BPF : préparer, ensemencer, suivre "
                                + "les paramètres critiques et documenter chaque étape.",
                        "Run a cell culture in a bioreactor under GMP: prepare, inoculate, monitor the critical "
                                + "parameters and document every step.",
                        List.of(gmp, culture)),
                new LearningPath(
                        "operateur-aval",
                        BioproductionRole.DSP_OPERATOR,
                        "Opérateur ou opératrice de production aval",
                        "Downstream production operator",
                        "Purifier une protéine par chromatographie et filtration en respectant les BPF et en "
                                + "documentant chaque étape.",
                        "Purify a protein by chromatography and filtration under GMP, documenting every step.",
                        List.of(gmp, purification)),
                new LearningPath(
                        "analyste-cq",
                        BioproductionRole.QC_ANALYST,
                        "Analyste de contrôle qualité",
                        "Quality control analyst",
                        "Réaliser les contrôles microbiologiques et les calculs du laboratoire, et enregistrer des "
                                + "données conformes aux principes ALCOA+.",
                        "Perform microbiological tests and laboratory calculations, and record data that meet "
                                + "ALCOA+ principles.",
                        List.of(gmp, microbiology)),
                new LearningPath(
                        "assistant-assurance-qualite",
                        BioproductionRole.QA_ASSISTANT,
                        "Assistant ou assistante assurance qualité (personne qualifiée)",
                        "Quality assurance assistant (qualified person)",
                        "Instruire une déviation, relire un dossier de lot et préparer la certification par la "
                                + "personne qualifiée.",
                        "Investigate a deviation, review a batch record and prepare certification by the qualified "
                                + "person.",
                        List.of(gmp, microbiology, filling)),
                new LearningPath(
                        "ingenieur-procedes",
                        BioproductionRole.PROCESS_ENGINEER,
                        "Ingénieur ou ingénieure procédés (MSAT)",
                        "Process engineer (MSAT)",
                        "Suivre et améliorer un procédé de bioproduction, de la culture à la purification, avec les "
                                + "calculs qui en rendent compte.",
                        "Monitor and improve a bioproduction process, from culture to purification, with the "
                                + "calculations that describe it.",
                        List.of(gmp, culture, purification)),
                new LearningPath(
                        "operateur-remplissage-aseptique",
                        BioproductionRole.ASEPTIC_FILLING_OPERATOR,
                        "Opérateur ou opératrice de remplissage aseptique",
                        "Aseptic filling operator",
                        "Travailler en classe A et B selon l'annexe 1 : comportement, interventions, simulations "
                                + "de procédé aseptique.",
                        "Work in grades A and B under Annex 1: behaviour, interventions, aseptic process "
                                + "simulations.",
                        List.of(gmp, filling, microbiology)),
                new LearningPath(
                        "technicien-mti",
                        BioproductionRole.ATMP_OPERATOR,
                        "Technicien ou technicienne de production de thérapies innovantes (MTI)",
                        "Advanced therapy (ATMP) manufacturing technician",
                        "Fabriquer un médicament de thérapie innovante en système clos, de l'aphérèse à la "
                                + "cryoconservation, en garantissant la chaîne d'identité.",
                        "Manufacture an advanced therapy medicinal product in a closed system, from apheresis to "
                                + "cryopreservation, keeping the chain of identity.",
                        List.of(gmp, culture, carT)));
    }
}
