package fr.guichetbio.training.demo;

import static fr.guichetbio.training.demo.DemoCourse.lesson;
import static fr.guichetbio.training.demo.DemoCourse.question;

import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.assessment.Question.Tolerance;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseContent.Level;
import fr.guichetbio.training.course.CourseContent.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "CAR-T cell manufacturing": an autologous CAR-T process under EudraLex Volume 4 Part IV — leukapheresis, chain of
 * identity and custody, activation, lentiviral transduction (MOI, VCN), expansion in closed systems, formulation,
 * cryopreservation, release testing and out-of-specification products — and its calculations, in English. Formulas
 * use only + - * / ^: doublings are asked as 2ⁿ, never as a logarithm.
 */
public final class CarTManufacturing {

    public static final String CODE = "car-t-manufacturing";

    private static final String STARTING = "starting-material-and-identity";
    private static final String TRANSDUCTION = "transduction-and-expansion";
    private static final String RELEASE = "formulation-and-release";
    private static final String CALCULATIONS = "car-t-calculations";

    private CarTManufacturing() {}

    public static DemoCourse course() {
        CourseContent content = new CourseContent(
                CODE,
                "en",
                Level.ADVANCED,
                "CAR-T cell manufacturing",
                "The manufacture of an autologous CAR-T product under the EU GMP for advanced therapies: "
                        + "leukapheresis, chain of identity and custody, T-cell activation, lentiviral transduction, "
                        + "expansion in closed systems, formulation and cryopreservation, release testing, "
                        + "out-of-specification products, and the process calculations.",
                210,
                List.of(
                        "GMP and Annex 1 fundamentals.",
                        "Cell culture basics (viable cell density, viability) and the microbiological tests of "
                                + "released products."),
                List.of(
                        "Keep the chain of identity and the chain of custody intact from collection to infusion.",
                        "Explain T-cell activation, lentiviral transduction, VCN and the choice of an MOI.",
                        "Set out the release tests of a CAR-T product and when it may be released before all "
                                + "results.",
                        "Handle an out-of-specification autologous product under Part IV.",
                        "Compute a vector volume, a transduction efficiency, an expansion, a doubling time and a "
                                + "dose volume."),
                List.of(
                        new Module(
                                "From patient to modified cells",
                                List.of(lesson(CODE, STARTING), lesson(CODE, TRANSDUCTION))),
                        new Module(
                                "From cells to patient", List.of(lesson(CODE, RELEASE), lesson(CODE, CALCULATIONS)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put(STARTING, 2);
        draw.put(TRANSDUCTION, 2);
        draw.put(RELEASE, 3);
        draw.put(CALCULATIONS, 3);
        Quiz quiz = DemoCourse.quiz(bank(), draw);
        return new DemoCourse(content, quiz);
    }

    static List<Question> bank() {
        return List.of(
                question(
                        "chain-of-identity",
                        STARTING,
                        "What is the chain of identity of an autologous CAR-T product?",
                        "The unbroken link between the patient and the material at every step, through a unique "
                                + "identifier verified at each handover and at the bedside.",
                        new SingleChoice(
                                List.of(
                                        "The link between patient and material at every step, from collection to "
                                                + "infusion",
                                        "The list of couriers who transported the material",
                                        "The genetic sequence of the CAR construct",
                                        "The batch numbers of the reagents used"),
                                0)),
                question(
                        "chain-of-custody-record",
                        STARTING,
                        "What does the chain of custody record at each transfer of the material?",
                        "Who held the material, when, where and under which conditions, temperatures included.",
                        new MultipleChoice(
                                List.of(
                                        "Who held the material",
                                        "When and where it was handed over",
                                        "The conditions of transport, temperature included",
                                        "The patient's full clinical history"),
                                Set.of(0, 1, 2))),
                question(
                        "part-iv",
                        STARTING,
                        "Which part of EudraLex Volume 4 sets out the GMP specific to advanced therapy medicinal "
                                + "products?",
                        "Part IV, adopted in 2017 and applicable since 22 May 2018.",
                        new SingleChoice(List.of("Part IV", "Part I", "Part II", "Annex 2"), 0)),
                question(
                        "activation-signals",
                        STARTING,
                        "Which of these are used to activate T cells before transduction?",
                        "Anti-CD3 (signal 1), anti-CD28 (co-stimulation) and cytokines such as IL-2; DMSO is a "
                                + "cryoprotectant.",
                        new MultipleChoice(
                                List.of("Anti-CD3", "Anti-CD28", "Interleukin-2", "Dimethyl sulfoxide"),
                                Set.of(0, 1, 2))),
                question(
                        "process-order",
                        STARTING,
                        "Put the steps of an autologous CAR-T process in order.",
                        "Collection, selection and activation, transduction, expansion, formulation, "
                                + "cryopreservation, then release and infusion.",
                        new Ordering(List.of(
                                "Leukapheresis",
                                "T-cell selection and activation",
                                "Lentiviral transduction",
                                "Expansion",
                                "Harvest and formulation",
                                "Cryopreservation"))),
                question(
                        "moi-definition",
                        TRANSDUCTION,
                        "What is the multiplicity of infection (MOI)?",
                        "The number of transducing units of vector per target cell.",
                        new SingleChoice(
                                List.of(
                                        "Transducing units of vector per target cell",
                                        "Vector copies integrated per cell",
                                        "Percentage of CAR-positive cells",
                                        "Vector particles per mL of supernatant"),
                                0)),
                question(
                        "vcn-limit-reason",
                        TRANSDUCTION,
                        "Why is the vector copy number limited by a specification?",
                        "Each integration carries a small risk of insertional mutagenesis; more copies per cell, "
                                + "more risk.",
                        new SingleChoice(
                                List.of(
                                        "To limit the risk of insertional mutagenesis",
                                        "Because each copy lowers the cell's viability by half",
                                        "To keep the vector titre high",
                                        "Because VCN is the potency assay"),
                                0)),
                question(
                        "lentiviral-integration",
                        TRANSDUCTION,
                        "Why does a lentiviral vector give stable CAR expression in an expanding T-cell population?",
                        "It integrates into the genome, so every daughter cell inherits the CAR gene.",
                        new SingleChoice(
                                List.of(
                                        "It integrates into the cell's genome and is inherited by daughter cells",
                                        "It replicates in the T cells and spreads to new cells",
                                        "It stays as a plasmid copied at each division",
                                        "It is added again at each medium exchange"),
                                0)),
                question(
                        "closed-system-benefits",
                        TRANSDUCTION,
                        "What do closed, automated systems bring to CAR-T manufacture?",
                        "Fewer open manipulations, so less contamination and mix-up risk, and more consistent "
                                + "processing; the product still needs its sterility testing.",
                        new MultipleChoice(
                                List.of(
                                        "Fewer open manipulations and a lower contamination risk",
                                        "A lower risk of mixing up patients' materials",
                                        "More consistent processing between batches",
                                        "Exemption from sterility testing of the product"),
                                Set.of(0, 1, 2))),
                question(
                        "doublings-for-64-fold",
                        TRANSDUCTION,
                        "A culture expands 64-fold. How many population doublings is that?",
                        "Each doubling multiplies by 2: 2⁶ = 64, so 6 doublings.",
                        new Numeric(6, Tolerance.absolute(0), "doublings")),
                question(
                        "storage-temperature",
                        RELEASE,
                        "How are cryopreserved CAR-T products stored?",
                        "In the vapour phase of liquid nitrogen, at or below −150 °C.",
                        new SingleChoice(
                                List.of(
                                        "In the vapour phase of liquid nitrogen, at or below −150 °C",
                                        "In a −20 °C freezer",
                                        "At 2–8 °C in a qualified refrigerator",
                                        "On dry ice at −78 °C for the whole shelf life"),
                                0)),
                question(
                        "release-tests",
                        RELEASE,
                        "Which of these are release tests of a lentiviral CAR-T product?",
                        "Identity (CAR expression), potency, VCN, replication-competent lentivirus and sterility; "
                                + "viral clearance is demonstrated in validation studies of a purification process, not "
                                + "tested on each CAR-T batch.",
                        new MultipleChoice(
                                List.of(
                                        "CAR expression by flow cytometry",
                                        "A potency assay such as interferon-γ release",
                                        "Vector copy number",
                                        "Replication-competent lentivirus",
                                        "Sterility",
                                        "A viral clearance (LRV) study on each batch"),
                                Set.of(0, 1, 2, 3, 4))),
                question(
                        "potency-assay",
                        RELEASE,
                        "What does a CAR-T potency assay measure?",
                        "A biological function linked to the mechanism: for example interferon-γ release or killing "
                                + "when the cells meet targets that express the antigen.",
                        new SingleChoice(
                                List.of(
                                        "The cells' response to targets that express the antigen",
                                        "The number of viable cells in the bag",
                                        "The percentage of CD3-positive cells",
                                        "The absence of replication-competent virus"),
                                0)),
                question(
                        "release-before-results",
                        RELEASE,
                        "A fresh CAR-T product must be infused before its 14-day sterility test ends. What does "
                                + "Part IV allow?",
                        "Release before all results are known, under a procedure approved in advance, with "
                                + "immediate action (informing the physician) if a later result fails.",
                        new SingleChoice(
                                List.of(
                                        "Release under a pre-approved procedure, with action if a later result fails",
                                        "Nothing: the product must wait for every result",
                                        "Release without any sterility test",
                                        "Release only if the physician waives all testing"),
                                0)),
                question(
                        "out-of-specification",
                        RELEASE,
                        "An autologous CAR-T batch fails a specification and no other batch can be made in time. "
                                + "Under Part IV, who decides whether it may still be administered?",
                        "The treating physician, exceptionally, informed of the manufacturer's evaluation of the "
                                + "risks; the deviation is documented and the competent authority informed.",
                        new SingleChoice(
                                List.of(
                                        "The treating physician, informed of the manufacturer's risk evaluation",
                                        "The Qualified Person alone, who certifies it as compliant",
                                        "The courier, who may return it to the site",
                                        "Nobody: it must always be destroyed"),
                                0)),
                question(
                        "vector-volume",
                        CALCULATIONS,
                        "You transduce {n} × 10⁶ activated T cells at an MOI of {moi} with a vector titred at {t} × "
                                + "10⁸ TU/mL. What volume of vector do you add?",
                        "Volume = MOI × cells / titre = MOI × n × 10⁶ / (t × 10⁸) mL.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("n", 50, 200, 25),
                                        new Range("moi", 1, 10, 1),
                                        new Range("t", 0.5, 5, 0.5)),
                                "moi * n / (t * 100)",
                                Tolerance.relative(0.01),
                                "mL")),
                question(
                        "transduction-efficiency",
                        CALCULATIONS,
                        "Flow cytometry finds {car} CAR-positive events among {total} viable CD3-positive events. "
                                + "What is the transduction efficiency?",
                        "Efficiency = CAR-positive / viable T cells × 100.",
                        RandomisedNumeric.of(
                                List.of(new Range("car", 1000, 6000, 500), new Range("total", 10000, 20000, 5000)),
                                "car / total * 100",
                                Tolerance.absolute(0.5),
                                "%")),
                question(
                        "copies-per-transduced-cell",
                        CALCULATIONS,
                        "The average VCN of the product is {vcn} copies per cell and {f} % of the cells are "
                                + "transduced. About how many copies does a transduced cell carry?",
                        "Copies per transduced cell = average VCN / transduced fraction.",
                        RandomisedNumeric.of(
                                List.of(new Range("vcn", 0.5, 3, 0.25), new Range("f", 20, 60, 5)),
                                "vcn / (f / 100)",
                                Tolerance.relative(0.02),
                                "copies per transduced cell")),
                question(
                        "cells-after-doublings",
                        CALCULATIONS,
                        "You seed {x0} × 10⁶ viable T cells and they undergo {n} population doublings. How many "
                                + "cells do you harvest, in millions?",
                        "Cells = cells seeded × 2ⁿ.",
                        RandomisedNumeric.of(
                                List.of(new Range("x0", 50, 200, 50), new Range("n", 4, 8, 1)),
                                "x0 * 2 ^ n",
                                Tolerance.relative(0.01),
                                "× 10⁶ cells")),
                question(
                        "fold-expansion",
                        CALCULATIONS,
                        "You seeded {x0} × 10⁶ viable T cells and harvest {xf} × 10⁹. What is the fold expansion?",
                        "Fold expansion = cells harvested / cells seeded; 10⁹ is 1 000 × 10⁶.",
                        RandomisedNumeric.of(
                                List.of(new Range("x0", 50, 200, 50), new Range("xf", 1, 10, 0.5)),
                                "xf * 1000 / x0",
                                Tolerance.relative(0.01),
                                "-fold")),
                question(
                        "doubling-time",
                        CALCULATIONS,
                        "The cells undergo {n} population doublings in {d} days. What is the mean doubling time?",
                        "Doubling time = days × 24 / doublings.",
                        RandomisedNumeric.of(
                                List.of(new Range("n", 3, 8, 1), new Range("d", 5, 10, 1)),
                                "d * 24 / n",
                                Tolerance.relative(0.01),
                                "h")),
                question(
                        "dose-volume",
                        CALCULATIONS,
                        "The prescribed dose is {dose} × 10⁶ CAR-positive viable T cells. The bag holds {c} × 10⁶ "
                                + "viable cells/mL, of which {f} % are CAR-positive. What volume delivers the dose?",
                        "Volume = dose / (CAR-positive fraction × viable concentration).",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("dose", 50, 200, 25),
                                        new Range("c", 5, 50, 5),
                                        new Range("f", 20, 60, 5)),
                                "dose / (f / 100 * c)",
                                Tolerance.relative(0.01),
                                "mL")));
    }
}
