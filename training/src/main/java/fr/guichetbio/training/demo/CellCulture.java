package fr.guichetbio.training.demo;

import static fr.guichetbio.training.demo.DemoCourse.lesson;
import static fr.guichetbio.training.demo.DemoCourse.question;

import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.assessment.Question.Tolerance;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseContent.Level;
import fr.guichetbio.training.course.CourseContent.Module;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * « Culture cellulaire en bioréacteur » : the upstream process of a CHO antibody (cell banks, seed train, culture
 * modes), its controlled parameters and in-process controls, and the culture calculations (inoculation, IVCD, qP,
 * feeds), in French, for upstream operators and process engineers.
 */
public final class CellCulture {

    public static final String CODE = "culture-cellulaire-bioreacteur";

    private static final String PROCESS = "procede-amont";
    private static final String PARAMETERS = "parametres-critiques";
    private static final String CALCULATIONS = "calculs-culture";

    private CellCulture() {}

    public static DemoCourse course() {
        CourseContent content = new CourseContent(
                CODE,
                "fr",
                Level.INTERMEDIATE,
                "Culture cellulaire en bioréacteur",
                "Le procédé amont d'un anticorps produit par des cellules CHO : banques de cellules, train "
                        + "d'ensemencement, modes batch, fed-batch et perfusion, paramètres pilotés, contrôles en "
                        + "cours de procédé et calculs de culture.",
                150,
                List.of("Fondamentaux des BPF et de l'annexe 1 (ou une expérience équivalente en zone BPF)."),
                List.of(
                        "Décrire le chemin d'une ampoule de banque de travail au bioréacteur de production.",
                        "Choisir entre batch, fed-batch et perfusion, et dire ce que chacun implique.",
                        "Piloter température, pH et oxygène dissous, et lire les contrôles en cours de procédé.",
                        "Calculer un volume d'ensemencement, une IVCD, une productivité spécifique et un feed."),
                List.of(
                        new Module(
                                "Le procédé et ses paramètres",
                                List.of(lesson(CODE, PROCESS), lesson(CODE, PARAMETERS))),
                        new Module("Les calculs de culture", List.of(lesson(CODE, CALCULATIONS)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put(PROCESS, 2);
        draw.put(PARAMETERS, 3);
        draw.put(CALCULATIONS, 3);
        Quiz quiz = new Quiz(bank(), draw, 75, 3, Duration.ofMinutes(5), Duration.ofMinutes(30));
        return new DemoCourse(content, quiz);
    }

    static List<Question> bank() {
        return List.of(
                question(
                        "hote-anticorps",
                        PROCESS,
                        "Quelles cellules produisent la plupart des anticorps monoclonaux ?",
                        "Les cellules d'ovaire de hamster chinois (CHO) sont l'hôte le plus courant des anticorps.",
                        new SingleChoice(
                                List.of(
                                        "Cellules CHO",
                                        "Escherichia coli",
                                        "Levures Pichia pastoris",
                                        "Cellules HEK293"),
                                0)),
                question(
                        "mode-perfusion",
                        PROCESS,
                        "Dans quel mode les cellules sont-elles retenues pendant que le milieu est renouvelé en "
                                + "continu ?",
                        "En perfusion, un dispositif de rétention garde les cellules et le milieu est renouvelé.",
                        new SingleChoice(List.of("Perfusion", "Fed-batch", "Batch", "Culture en flacon"), 0)),
                question(
                        "train-ensemencement",
                        PROCESS,
                        "Remettez dans l'ordre le chemin des cellules jusqu'à la production.",
                        "MCB → WCB → amplification en flacons → bioréacteur N-1 → bioréacteur de production N.",
                        new Ordering(List.of(
                                "Banque de cellules maîtresse (MCB)",
                                "Banque de cellules de travail (WCB)",
                                "Amplification en flacons",
                                "Bioréacteur N-1",
                                "Bioréacteur de production (N)"))),
                question(
                        "guide-substrats",
                        PROCESS,
                        "Quelle ligne directrice ICH traite de l'obtention et de la caractérisation des substrats "
                                + "cellulaires ?",
                        "ICH Q5D : banques de cellules, leur caractérisation et leurs contrôles.",
                        new SingleChoice(List.of("ICH Q5D", "ICH Q7", "ICH Q1A", "ICH Q3C"), 0)),
                question(
                        "temperature-croissance",
                        PARAMETERS,
                        "À quelle température cultive-t-on les cellules CHO pendant leur croissance ?",
                        "37 °C, comme le corps ; on l'abaisse souvent ensuite pour la production.",
                        new SingleChoice(List.of("37 °C", "25 °C", "30 °C", "42 °C"), 0)),
                question(
                        "baisse-temperature",
                        PARAMETERS,
                        "Pourquoi abaisse-t-on la température (vers 31 à 34 °C) en cours de culture ?",
                        "Pour ralentir la croissance et prolonger la phase de production.",
                        new SingleChoice(
                                List.of(
                                        "Pour ralentir la croissance et prolonger la production",
                                        "Pour stériliser le milieu",
                                        "Pour augmenter la consommation d'oxygène",
                                        "Pour faire remonter le pH"),
                                0)),
                question(
                        "regulation-ph",
                        PARAMETERS,
                        "Qu'est-ce qui fait baisser le pH d'une culture ?",
                        "Le CO₂ injecté et le lactate produit par les cellules acidifient ; la base le remonte.",
                        new MultipleChoice(
                                List.of(
                                        "L'injection de CO₂",
                                        "Le lactate produit par les cellules",
                                        "L'ajout de bicarbonate",
                                        "L'ajout de soude diluée"),
                                Set.of(0, 1))),
                question(
                        "controles-quotidiens",
                        PARAMETERS,
                        "Lesquels sont des contrôles en cours de procédé courants d'une culture fed-batch ?",
                        "Densité de cellules viables, viabilité, glucose et lactate décident des feeds et de la "
                                + "récolte ; l'endotoxine se contrôle sur le produit purifié, pas chaque jour en culture.",
                        new MultipleChoice(
                                List.of(
                                        "Densité de cellules viables et viabilité",
                                        "Glucose",
                                        "Lactate",
                                        "Dosage quotidien des endotoxines du produit fini"),
                                Set.of(0, 1, 2))),
                question(
                        "securite-virale",
                        PARAMETERS,
                        "Quelle ligne directrice ICH traite de la sécurité virale des produits biotechnologiques ?",
                        "ICH Q5A(R2), révisée en 2023.",
                        new SingleChoice(List.of("ICH Q5A", "ICH Q5C", "ICH Q8", "ICH Q6B"), 0)),
                question(
                        "volume-ensemencement",
                        CALCULATIONS,
                        "Vous ensemencez {vf} L à {xt} × 10⁶ cellules/mL à partir d'une pré-culture à {xs} × 10⁶ "
                                + "cellules/mL. Quel volume de pré-culture faut-il ?",
                        "Volume de pré-culture = densité visée × volume final / densité de la pré-culture.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("vf", 50, 500, 50),
                                        new Range("xt", 0.3, 0.6, 0.1),
                                        new Range("xs", 2, 6, 0.5)),
                                "xt * vf / xs",
                                Tolerance.relative(0.01),
                                "L")),
                question(
                        "ivcd-trapeze",
                        CALCULATIONS,
                        "La densité viable passe de {x1} à {x2} × 10⁶ cellules/mL en {dt} jours. Quelle est l'IVCD "
                                + "de l'intervalle (méthode des trapèzes) ?",
                        "IVCD = (X₁ + X₂) / 2 × Δt.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("x1", 2, 8, 0.5),
                                        new Range("x2", 8.5, 15, 0.5),
                                        new Range("dt", 1, 3, 1)),
                                "(x1 + x2) / 2 * dt",
                                Tolerance.relative(0.01),
                                "× 10⁶ cellules·jour/mL")),
                question(
                        "productivite-specifique",
                        CALCULATIONS,
                        "Une culture atteint {titre} g/L pour une IVCD de {ivcd} × 10⁶ cellules·jour/mL. Quelle est "
                                + "sa productivité spécifique ?",
                        "qP = titre / IVCD ; avec un titre en g/L (10⁹ pg/mL) et l'IVCD en 10⁶ cellules·jour/mL, "
                                + "qP = titre × 1 000 / IVCD pg/cellule/jour.",
                        RandomisedNumeric.of(
                                List.of(new Range("titre", 1, 6, 0.5), new Range("ivcd", 60, 150, 10)),
                                "titre * 1000 / ivcd",
                                Tolerance.relative(0.02),
                                "pg/cellule/jour")),
                question(
                        "volume-feed",
                        CALCULATIONS,
                        "Le procédé prescrit un feed de {p} % du volume initial de {v0} L par jour, pendant {jours} "
                                + "jours. Quel volume de feed au total ?",
                        "Volume = pourcentage / 100 × volume initial × nombre de jours.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("p", 1, 5, 0.5),
                                        new Range("v0", 200, 2000, 200),
                                        new Range("jours", 5, 10, 1)),
                                "p / 100 * v0 * jours",
                                Tolerance.relative(0.01),
                                "L")));
    }
}
