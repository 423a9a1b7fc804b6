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
 * "Microbiological quality control": environmental monitoring against Annex 1 table 6, the sterility test (Ph. Eur.
 * 2.6.1), bacterial endotoxins (Ph. Eur. 2.6.14, USP 85: limit K/M, maximum valid dilution), bioburden and
 * mycoplasma (Ph. Eur. 2.6.12, 2.6.7), with their calculations, in English. Each lesson carries its own worked
 * examples.
 */
public final class MicrobiologicalQc {

    public static final String CODE = "microbiological-qc";

    private static final String MONITORING = "environmental-monitoring";
    private static final String STERILITY = "sterility-testing";
    private static final String ENDOTOXINS = "bacterial-endotoxins";
    private static final String BIOBURDEN = "bioburden-and-mycoplasma";

    private MicrobiologicalQc() {}

    public static DemoCourse course() {
        CourseContent content = new CourseContent(
                CODE,
                "en",
                Level.INTERMEDIATE,
                "Microbiological quality control",
                "The microbiology laboratory of a biologics plant: environmental monitoring against the Annex 1 "
                        + "limits, the pharmacopoeial sterility test, bacterial endotoxins (limits and maximum valid "
                        + "dilution), bioburden and mycoplasma, with the calculations of each.",
                180,
                List.of("GMP and Annex 1 fundamentals (cleanroom grades, gowning), and basic microbiology."),
                List.of(
                        "Run an environmental monitoring programme and compare results with the Annex 1 action "
                                + "limits.",
                        "Perform and interpret a sterility test under Ph. Eur. 2.6.1.",
                        "Set an endotoxin limit, compute a maximum valid dilution and judge a spike recovery.",
                        "Express a bioburden result and choose a mycoplasma test for the product.",
                        "Convert air samples to CFU/m³ and membrane counts to CFU/100 mL."),
                List.of(
                        new Module(
                                "Clean areas and sterility",
                                List.of(lesson(CODE, MONITORING), lesson(CODE, STERILITY))),
                        new Module(
                                "Endotoxins, bioburden and mycoplasma",
                                List.of(lesson(CODE, ENDOTOXINS), lesson(CODE, BIOBURDEN)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put(MONITORING, 3);
        draw.put(STERILITY, 2);
        draw.put(ENDOTOXINS, 3);
        draw.put(BIOBURDEN, 2);
        Quiz quiz = DemoCourse.quiz(bank(), draw);
        return new DemoCourse(content, quiz);
    }

    static List<Question> bank() {
        return List.of(
                question(
                        "grade-b-air-limit",
                        MONITORING,
                        "What is the Annex 1 action limit for active air samples in a grade B area?",
                        "Annex 1, table 6: 10 CFU/m³ in grade B (100 in C, 200 in D, no growth in A).",
                        new Numeric(10, Tolerance.absolute(0), "CFU/m³")),
                question(
                        "grade-b-glove-limit",
                        MONITORING,
                        "What is the Annex 1 action limit for a glove print (five fingers) in a grade B area?",
                        "Annex 1, table 6: 5 CFU/glove in grade B; no growth in grade A.",
                        new Numeric(5, Tolerance.absolute(0), "CFU/glove")),
                question(
                        "grade-a-growth",
                        MONITORING,
                        "A settle plate exposed in grade A during filling shows one colony. What follows?",
                        "In grade A the limit is no growth: any growth leads to an investigation, with the isolate "
                                + "identified to species level.",
                        new SingleChoice(
                                List.of(
                                        "An investigation, with the isolate identified to species level",
                                        "Nothing: one colony is below the grade A limit",
                                        "Nothing unless the alert level is exceeded twice in a row",
                                        "The plate is discarded and the sample repeated"),
                                0)),
                question(
                        "viable-methods",
                        MONITORING,
                        "Which of these sample viable microorganisms?",
                        "Air samplers, settle plates and contact plates grow microorganisms; an optical particle "
                                + "counter counts particles without telling whether they are viable.",
                        new MultipleChoice(
                                List.of(
                                        "Active air sampler",
                                        "Settle plate",
                                        "Contact plate",
                                        "Optical particle counter"),
                                Set.of(0, 1, 2))),
                question(
                        "settle-plate-exposure",
                        MONITORING,
                        "For how long at most is a single settle plate exposed under Annex 1?",
                        "At most 4 hours per plate; the action limits are given per 4 hours.",
                        new SingleChoice(List.of("4 hours", "1 hour", "8 hours", "A full shift"), 0)),
                question(
                        "cfu-per-cubic-metre",
                        MONITORING,
                        "An active air sampler draws {vol} L of air and the plate grows {n} colonies. What is the "
                                + "result in CFU/m³?",
                        "CFU/m³ = colonies × 1 000 / litres sampled (1 m³ = 1 000 L).",
                        RandomisedNumeric.of(
                                List.of(new Range("n", 1, 10, 1), new Range("vol", 250, 1000, 250)),
                                "n * 1000 / vol",
                                Tolerance.relative(0.01),
                                "CFU/m³")),
                question(
                        "sterility-incubation",
                        STERILITY,
                        "For how many days at least are the media of a Ph. Eur. 2.6.1 sterility test incubated?",
                        "Not less than 14 days.",
                        new Numeric(14, Tolerance.absolute(0), "days")),
                question(
                        "sterility-media",
                        STERILITY,
                        "Which media does the Ph. Eur. 2.6.1 sterility test use?",
                        "Fluid thioglycollate medium (mainly anaerobes, 30–35 °C) and soya-bean casein digest medium "
                                + "(fungi and aerobes, 20–25 °C).",
                        new MultipleChoice(
                                List.of(
                                        "Fluid thioglycollate medium",
                                        "Soya-bean casein digest medium",
                                        "Sabouraud-dextrose agar",
                                        "Blood agar"),
                                Set.of(0, 1))),
                question(
                        "thioglycollate-temperature",
                        STERILITY,
                        "At what temperature is fluid thioglycollate medium incubated in the sterility test?",
                        "30–35 °C; soya-bean casein digest medium is incubated at 20–25 °C.",
                        new SingleChoice(List.of("30–35 °C", "20–25 °C", "2–8 °C", "40–45 °C"), 0)),
                question(
                        "sterility-retest",
                        STERILITY,
                        "Growth appears in one medium. When may the sterility test be repeated?",
                        "Only when the test is shown to be invalid (monitoring fault, procedural fault, growth in "
                                + "the negative control, organism traced to the test); otherwise the product fails.",
                        new SingleChoice(
                                List.of(
                                        "Only if the test is shown to be invalid",
                                        "Always, once, and the second result counts",
                                        "Whenever the organism is a common skin contaminant",
                                        "Whenever the batch is urgently needed"),
                                0)),
                question(
                        "membrane-filtration-steps",
                        STERILITY,
                        "Put the steps of a sterility test by membrane filtration in order.",
                        "Filter, rinse away antimicrobial residues, transfer to the two media, incubate 14 days, read.",
                        new Ordering(List.of(
                                "Filter the product through a membrane of 0.45 µm or less",
                                "Rinse the membrane",
                                "Transfer to fluid thioglycollate and soya-bean casein digest media",
                                "Incubate for not less than 14 days",
                                "Examine the media for growth"))),
                question(
                        "endotoxin-k-value",
                        ENDOTOXINS,
                        "What threshold pyrogenic dose K is used for a parenteral product that is not given "
                                + "intrathecally?",
                        "K = 5.0 IU (EU) per kg of body mass; 0.2 IU/kg for intrathecal use.",
                        new Numeric(5, Tolerance.absolute(0), "IU/kg")),
                question(
                        "recombinant-factor-c",
                        ENDOTOXINS,
                        "Which Ph. Eur. chapter describes the endotoxin test with recombinant factor C?",
                        "Chapter 2.6.32; chapter 2.6.14 describes the tests with amoebocyte lysate.",
                        new SingleChoice(List.of("2.6.32", "2.6.1", "2.6.7", "2.6.12"), 0)),
                question(
                        "spike-recovery-range",
                        ENDOTOXINS,
                        "Within which range must the positive product control (spike) be recovered in a photometric "
                                + "endotoxin test?",
                        "50 to 200 %: outside it, the product inhibits or enhances the reaction.",
                        new SingleChoice(List.of("50–200 %", "80–120 %", "90–110 %", "70–130 %"), 0)),
                question(
                        "endotoxin-limit",
                        ENDOTOXINS,
                        "A patient of {w} kg receives at most {d} mg of a product in one hour, by intravenous "
                                + "injection. What is the endotoxin limit (K = 5.0 IU/kg)?",
                        "M = dose / body mass; limit = K / M = 5.0 × body mass / dose.",
                        RandomisedNumeric.of(
                                List.of(new Range("w", 50, 100, 10), new Range("d", 100, 1000, 100)),
                                "5 * w / d",
                                Tolerance.relative(0.01),
                                "IU/mg")),
                question(
                        "maximum-valid-dilution",
                        ENDOTOXINS,
                        "The endotoxin limit is {lim} IU/mg, the product solution contains {c} mg/mL and the lowest "
                                + "standard is λ = {lam} IU/mL. What is the maximum valid dilution?",
                        "MVD = limit × concentration / λ.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("lim", 0.1, 1, 0.1),
                                        new Range("c", 5, 50, 5),
                                        new Range("lam", 0.05, 0.25, 0.05)),
                                "lim * c / lam",
                                Tolerance.relative(0.01),
                                "(dilution factor)")),
                question(
                        "spike-recovery",
                        ENDOTOXINS,
                        "The spiked sample reads {ms} IU/mL, the unspiked sample {mu} IU/mL, and {s} IU/mL was "
                                + "spiked. What is the recovery?",
                        "Recovery = (spiked − unspiked) / amount spiked × 100.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("ms", 0.3, 1.2, 0.05),
                                        new Range("mu", 0.01, 0.05, 0.01),
                                        new Range("s", 0.5, 1, 0.5)),
                                "(ms - mu) / s * 100",
                                Tolerance.absolute(1),
                                "%")),
                question(
                        "bioburden-before-filtration",
                        BIOBURDEN,
                        "What bioburden does the EMA sterilisation guideline accept in most cases just before a "
                                + "sterilising filtration?",
                        "Not more than 10 CFU/100 mL.",
                        new Numeric(10, Tolerance.absolute(0), "CFU/100 mL")),
                question(
                        "bioburden-per-100-ml",
                        BIOBURDEN,
                        "{v} mL of an intermediate are filtered and the membrane grows {n} colonies. What is the "
                                + "bioburden per 100 mL?",
                        "CFU/100 mL = colonies × 100 / volume filtered.",
                        RandomisedNumeric.of(
                                List.of(new Range("n", 1, 20, 1), new Range("v", 10, 100, 10)),
                                "n * 100 / v",
                                Tolerance.relative(0.01),
                                "CFU/100 mL")),
                question(
                        "mycoplasma-methods",
                        BIOBURDEN,
                        "Which methods does Ph. Eur. 2.6.7 describe for mycoplasma?",
                        "The culture method, the indicator cell culture method and nucleic acid amplification; the "
                                + "amoebocyte lysate test detects endotoxins.",
                        new MultipleChoice(
                                List.of(
                                        "Culture method",
                                        "Indicator cell culture method",
                                        "Nucleic acid amplification",
                                        "Amoebocyte lysate test"),
                                Set.of(0, 1, 2))),
                question(
                        "mycoplasma-sample",
                        BIOBURDEN,
                        "Which sample of a production harvest is tested for mycoplasma?",
                        "The unprocessed bulk, cells included: mycoplasmas stick to cells and would be lost by "
                                + "clarification.",
                        new SingleChoice(
                                List.of(
                                        "The unprocessed bulk, cells included",
                                        "The clarified, filtered harvest",
                                        "The purified drug substance only",
                                        "The spent cell culture medium before use"),
                                0)),
                question(
                        "tamc-conditions",
                        BIOBURDEN,
                        "How is the total aerobic microbial count (TAMC) of Ph. Eur. 2.6.12 incubated?",
                        "On soya-bean casein digest agar at 30–35 °C for 3 to 5 days; yeasts and moulds on "
                                + "Sabouraud-dextrose agar at 20–25 °C for 5 to 7 days.",
                        new SingleChoice(
                                List.of(
                                        "Soya-bean casein digest agar, 30–35 °C, 3 to 5 days",
                                        "Sabouraud-dextrose agar, 20–25 °C, 5 to 7 days",
                                        "Fluid thioglycollate medium, 30–35 °C, 14 days",
                                        "Blood agar, 37 °C, 24 hours"),
                                0)));
    }
}
