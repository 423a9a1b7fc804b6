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
 * « Fondamentaux des BPF » : EU GMP part I and the essentials of Annex 1 (2022), in French, for every role that
 * enters a production area. Figures come from the texts the lessons cite (Annex 1 tables 1 and 6, part I chapter 4).
 */
public final class GmpFundamentals {

    public static final String CODE = "bpf-fondamentaux";

    private static final String QUALITY = "systeme-qualite";
    private static final String DOCUMENTATION = "documentation";
    private static final String ANNEX_1 = "annexe-1";
    private static final String CALCULATIONS = "calculs";

    private GmpFundamentals() {}

    public static DemoCourse course() {
        CourseContent content = new CourseContent(
                CODE,
                "fr",
                Level.INTRODUCTORY,
                "Fondamentaux des BPF et de l'annexe 1",
                "Les bonnes pratiques de fabrication européennes (partie I) et l'essentiel de l'annexe 1 révisée : "
                        + "système qualité, documentation et intégrité des données, zones à atmosphère contrôlée, "
                        + "et les calculs de base de l'atelier.",
                180,
                List.of("Aucun : cours d'entrée pour tout nouvel arrivant en production ou au laboratoire."),
                List.of(
                        "Situer une exigence dans les BPF européennes (partie I, annexes) et le système qualité.",
                        "Traiter une déviation et tenir un enregistrement conforme aux principes ALCOA+.",
                        "Connaître les classes A à D, leurs limites particulaires et microbiologiques.",
                        "Calculer une dilution, une concentration de particules et une densité cellulaire."),
                List.of(
                        new Module(
                                "Le cadre : BPF, qualité et documentation",
                                List.of(lesson(CODE, QUALITY), lesson(CODE, DOCUMENTATION))),
                        new Module(
                                "La fabrication stérile au quotidien",
                                List.of(lesson(CODE, ANNEX_1), lesson(CODE, CALCULATIONS)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put(QUALITY, 2);
        draw.put(DOCUMENTATION, 2);
        draw.put(ANNEX_1, 3);
        draw.put(CALCULATIONS, 3);
        Quiz quiz = DemoCourse.quiz(bank(), draw);
        return new DemoCourse(content, quiz);
    }

    static List<Question> bank() {
        return List.of(
                question(
                        "chapitre-auto-inspection",
                        QUALITY,
                        "Quel chapitre de la partie I des BPF traite de l'auto-inspection ?",
                        "La partie I compte neuf chapitres ; le dernier, le chapitre 9, est l'auto-inspection.",
                        new SingleChoice(List.of("Chapitre 9", "Chapitre 1", "Chapitre 6", "Chapitre 7"), 0)),
                question(
                        "certification-lot",
                        QUALITY,
                        "Dans l'Union européenne, qui certifie un lot avant sa libération ?",
                        "Directive 2001/83/CE, article 51, et annexe 16 : la personne qualifiée (en France, le "
                                + "pharmacien responsable ou un pharmacien qu'il désigne).",
                        new SingleChoice(
                                List.of(
                                        "La personne qualifiée (QP)",
                                        "Le responsable de production",
                                        "Le technicien qui a conduit le lot",
                                        "L'ANSM, lot par lot"),
                                0)),
                question(
                        "traitement-deviation",
                        QUALITY,
                        "Remettez dans l'ordre le traitement d'une déviation.",
                        "On enregistre d'abord, on évalue l'impact, on cherche la cause racine, on agit (CAPA) puis "
                                + "on vérifie que les actions ont été efficaces.",
                        new Ordering(List.of(
                                "Enregistrer la déviation",
                                "Évaluer son impact sur la qualité du produit",
                                "Rechercher la cause racine",
                                "Mettre en œuvre les actions correctives et préventives",
                                "Vérifier l'efficacité des actions"))),
                question(
                        "elements-sqp",
                        QUALITY,
                        "Lesquels de ces mécanismes font partie du système qualité pharmaceutique ?",
                        "Maîtrise des changements, déviations et CAPA, revue qualité produit en font partie ; un lot "
                                + "n'est jamais libéré par la production seule.",
                        new MultipleChoice(
                                List.of(
                                        "La maîtrise des changements",
                                        "La gestion des déviations et des CAPA",
                                        "La revue qualité produit",
                                        "La libération d'un lot par le responsable de production seul"),
                                Set.of(0, 1, 2))),
                question(
                        "alcoa",
                        DOCUMENTATION,
                        "Lesquelles de ces qualités font partie d'ALCOA ?",
                        "ALCOA : attribuable, lisible, contemporain, original, exact (accurate). « Optimisé » n'en fait "
                                + "pas partie.",
                        new MultipleChoice(
                                List.of("Attribuable", "Lisible", "Contemporain", "Optimisé", "Exact"),
                                Set.of(0, 1, 2, 4))),
                question(
                        "correction-enregistrement",
                        DOCUMENTATION,
                        "Vous avez noté une valeur erronée dans un dossier de lot papier. Que faites-vous ?",
                        "Une correction laisse l'ancienne valeur lisible et dit qui l'a faite, quand et pourquoi "
                                + "(chapitre 4, ALCOA).",
                        new SingleChoice(
                                List.of(
                                        "Je barre d'un trait en laissant l'ancienne valeur lisible, puis je date, "
                                                + "signe et justifie",
                                        "J'efface au correcteur et j'écris la bonne valeur",
                                        "Je recopie la page au propre",
                                        "J'écris la bonne valeur par-dessus"),
                                0)),
                question(
                        "conservation-dossier",
                        DOCUMENTATION,
                        "Un lot est certifié, puis périme 5 ans plus tard. Combien d'années après sa certification "
                                + "faut-il au minimum conserver son dossier de lot ?",
                        "Au moins un an après la péremption (5 + 1 = 6 ans) ou cinq ans après la certification : la "
                                + "durée la plus longue s'applique, soit 6 ans.",
                        new Numeric(6, Tolerance.absolute(0), "ans")),
                question(
                        "classe-remplissage",
                        ANNEX_1,
                        "Dans quelle classe se fait le remplissage aseptique de récipients ouverts ?",
                        "Les opérations aseptiques à haut risque se font en classe A (annexe 1).",
                        new SingleChoice(List.of("Classe A", "Classe B", "Classe C", "Classe D"), 0)),
                question(
                        "particules-b-activite",
                        ANNEX_1,
                        "Quelle est la concentration maximale de particules ≥ 0,5 µm en classe B en activité ?",
                        "Annexe 1, tableau 1 : 352 000 particules/m³ en activité (3 520 au repos).",
                        new Numeric(352_000, Tolerance.absolute(0), "particules/m³")),
                question(
                        "limite-air-b",
                        ANNEX_1,
                        "Quelle est la limite d'action pour l'air en classe B ?",
                        "Annexe 1, tableau 6 : 10 UFC/m³ en classe B (aucune croissance en classe A).",
                        new Numeric(10, Tolerance.absolute(0), "UFC/m³")),
                question(
                        "isolateur-ferme",
                        ANNEX_1,
                        "Quelle est la classe minimale de l'environnement d'un isolateur fermé ?",
                        "Annexe 1 : classe D au minimum pour un isolateur fermé, classe C pour un isolateur ouvert.",
                        new SingleChoice(List.of("Classe D", "Classe C", "Classe B", "Classe A"), 0)),
                question(
                        "pression-differentielle",
                        ANNEX_1,
                        "Quelle différence de pression de référence entre deux locaux adjacents de classes "
                                + "différentes ?",
                        "Annexe 1 : 10 Pa (valeur de référence), la zone la plus propre en surpression.",
                        new Numeric(10, Tolerance.absolute(0), "Pa")),
                question(
                        "vitesse-flux-a",
                        ANNEX_1,
                        "Quelle est la vitesse de référence du flux d'air unidirectionnel en classe A ?",
                        "Annexe 1 : 0,36 à 0,54 m/s au poste de travail (valeur de référence).",
                        new SingleChoice(List.of("0,36 à 0,54 m/s", "0,05 à 0,10 m/s", "1 à 2 m/s", "3 à 5 m/s"), 0)),
                question(
                        "dilution-desinfectant",
                        CALCULATIONS,
                        "Vous préparez {v2} mL de désinfectant à {c2} % à partir d'un concentré à {c1} %. Quel "
                                + "volume de concentré prélevez-vous ?",
                        "C₁ × V₁ = C₂ × V₂, donc V₁ = C₂ × V₂ / C₁.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("v2", 200, 1000, 100),
                                        new Range("c2", 0.25, 1, 0.25),
                                        new Range("c1", 2, 10, 2)),
                                "c2 * v2 / c1",
                                Tolerance.relative(0.01),
                                "mL")),
                question(
                        "particules-par-m3",
                        CALCULATIONS,
                        "Un compteur compte {n} particules ≥ 0,5 µm dans {vol} L d'air. Quelle est la "
                                + "concentration par m³ ?",
                        "1 m³ = 1 000 L : concentration = nombre × 1 000 / volume prélevé en litres.",
                        RandomisedNumeric.of(
                                List.of(new Range("n", 5, 60, 5), new Range("vol", 100, 1000, 100)),
                                "n * 1000 / vol",
                                Tolerance.relative(0.01),
                                "particules/m³")),
                question(
                        "densite-cellulaire",
                        CALCULATIONS,
                        "Vous comptez {viv} cellules vivantes sur 4 grands carrés d'un hémocytomètre, l'échantillon "
                                + "étant dilué au 1/{dil}. Quelle est la densité de cellules vivantes, en millions "
                                + "de cellules par mL ?",
                        "Densité = moyenne par grand carré × dilution × 10⁴ cellules/mL (un grand carré contient "
                                + "10⁻⁴ mL), puis ÷ 10⁶.",
                        RandomisedNumeric.of(
                                List.of(new Range("viv", 100, 400, 20), new Range("dil", 2, 10, 2)),
                                "viv / 4 * dil * 10^4 / 10^6",
                                Tolerance.relative(0.02),
                                "× 10⁶ cellules/mL")),
                question(
                        "viabilite",
                        CALCULATIONS,
                        "Un comptage au bleu trypan donne {viv} cellules vivantes et {mortes} cellules mortes. "
                                + "Quelle est la viabilité ?",
                        "Viabilité = vivantes × 100 / (vivantes + mortes).",
                        RandomisedNumeric.of(
                                List.of(new Range("viv", 150, 300, 10), new Range("mortes", 5, 60, 5)),
                                "viv * 100 / (viv + mortes)",
                                Tolerance.absolute(0.5),
                                "%")));
    }
}
