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
 * « Remplissage aseptique » : filling under Annex 1 (2022) — RABS and isolators, first air, inherent and corrective
 * interventions, aseptic process simulation, sterilising filtration with PUPSIT, container closure integrity — and
 * the filling calculations (vials from a bulk, bulk for a batch, fill weights, filter area), in French.
 */
public final class AsepticFilling {

    public static final String CODE = "remplissage-aseptique";

    private static final String BARRIERS = "technologies-barriere";
    private static final String SIMULATION = "simulation-procede-aseptique";
    private static final String FILTRATION = "filtration-sterilisante";
    private static final String CALCULATIONS = "calculs-remplissage";

    private AsepticFilling() {}

    public static DemoCourse course() {
        CourseContent content = new CourseContent(
                CODE,
                "fr",
                Level.INTERMEDIATE,
                "Remplissage aseptique",
                "Le remplissage aseptique selon l'annexe 1 révisée : RABS et isolateurs, premier air, interventions, "
                        + "simulation du procédé aseptique, filtration stérilisante et PUPSIT, intégrité des "
                        + "récipients, et les calculs de l'atelier de remplissage.",
                180,
                List.of("Fondamentaux des BPF et de l'annexe 1 (classes A à D, habillage, surveillance)."),
                List.of(
                        "Choisir et exploiter un RABS ou un isolateur, et protéger le premier air.",
                        "Distinguer interventions inhérentes et correctives et savoir comment elles sont qualifiées.",
                        "Planifier une simulation du procédé aseptique et en interpréter le résultat.",
                        "Valider une filtration stérilisante, justifier le PUPSIT et maîtriser l'intégrité des "
                                + "récipients.",
                        "Calculer un nombre de flacons, un volume de vrac, une masse de remplissage et une surface "
                                + "de filtre."),
                List.of(
                        new Module(
                                "La ligne et sa qualification",
                                List.of(lesson(CODE, BARRIERS), lesson(CODE, SIMULATION))),
                        new Module(
                                "Stérilité du produit et calculs",
                                List.of(lesson(CODE, FILTRATION), lesson(CODE, CALCULATIONS)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put(BARRIERS, 2);
        draw.put(SIMULATION, 3);
        draw.put(FILTRATION, 2);
        draw.put(CALCULATIONS, 3);
        Quiz quiz = DemoCourse.quiz(bank(), draw);
        return new DemoCourse(content, quiz);
    }

    static List<Question> bank() {
        return List.of(
                question(
                        "environnement-rabs",
                        BARRIERS,
                        "Dans quelle classe doit se trouver la salle qui entoure un RABS de remplissage aseptique ?",
                        "L'intérieur du RABS est en classe A ; la salle qui l'entoure est en classe B.",
                        new SingleChoice(List.of("Classe B", "Classe C", "Classe D", "Non classée"), 0)),
                question(
                        "premier-air",
                        BARRIERS,
                        "Qu'appelle-t-on le « premier air » ?",
                        "L'air filtré qui n'a rien rencontré avant d'atteindre le produit exposé et les surfaces en "
                                + "contact avec lui.",
                        new SingleChoice(
                                List.of(
                                        "L'air filtré qui atteint le produit exposé sans avoir été interrompu",
                                        "L'air soufflé au démarrage de la ventilation",
                                        "L'air du sas d'entrée du personnel",
                                        "L'air prélevé en premier par l'échantillonneur"),
                                0)),
                question(
                        "interventions-inherentes",
                        BARRIERS,
                        "Lesquelles sont des interventions inhérentes, au sens de l'annexe 1 ?",
                        "Montage aseptique, réapprovisionnement en bouchons et prélèvements de surveillance font partie "
                                + "du procédé normal ; dégager un flacon coincé est une intervention corrective.",
                        new MultipleChoice(
                                List.of(
                                        "Le montage aseptique de la ligne",
                                        "Le réapprovisionnement en bouchons",
                                        "Un prélèvement de surveillance environnementale",
                                        "Dégager un flacon coincé sur le convoyeur"),
                                Set.of(0, 1, 2))),
                question(
                        "isolateur-ferme",
                        BARRIERS,
                        "Qu'est-ce qui distingue un isolateur d'un RABS ?",
                        "L'isolateur est étanche et subit une bio-décontamination automatisée et reproductible, ce qui "
                                + "permet un environnement moins exigeant (classe D au minimum s'il est fermé).",
                        new SingleChoice(
                                List.of(
                                        "Il est étanche et bio-décontaminé de façon automatisée et reproductible",
                                        "Son intérieur est en classe B au lieu de A",
                                        "Il ne comporte pas de gants",
                                        "Il doit être installé en classe A"),
                                0)),
                question(
                        "debit-comptage-continu",
                        BARRIERS,
                        "Quel débit d'échantillonnage minimal l'annexe 1 demande-t-elle pour le comptage continu des "
                                + "particules en classe A ?",
                        "Au moins 28 L/min (1 pied cube par minute), pour saisir interventions et événements "
                                + "transitoires.",
                        new Numeric(28, Tolerance.absolute(0), "L/min")),
                question(
                        "aps-initiale",
                        SIMULATION,
                        "Combien d'APS consécutives réussies faut-il au minimum pour la validation initiale d'une "
                                + "ligne ?",
                        "Au moins trois APS consécutives réussies.",
                        new Numeric(3, Tolerance.absolute(0), "APS")),
                question(
                        "aps-frequence",
                        SIMULATION,
                        "À quelle fréquence une APS est-elle répétée en routine pour chaque procédé et chaque ligne ?",
                        "Deux fois par an, soit environ tous les six mois.",
                        new SingleChoice(
                                List.of(
                                        "Deux fois par an (environ tous les six mois)",
                                        "Une fois par an",
                                        "Tous les trois ans",
                                        "À chaque lot"),
                                0)),
                question(
                        "aps-petit-lot",
                        SIMULATION,
                        "Un produit est rempli en lots de 3 000 flacons. Combien d'unités l'APS doit-elle compter au "
                                + "minimum ?",
                        "Pour les lots de moins de 5 000 unités, l'APS compte au moins autant d'unités que le lot.",
                        new Numeric(3_000, Tolerance.absolute(0), "unités")),
                question(
                        "aps-unite-contaminee",
                        SIMULATION,
                        "Une APS de 8 000 unités révèle une unité contaminée. Que conclure ?",
                        "Le but est zéro unité contaminée : une seule fait échouer l'APS et déclenche une "
                                + "investigation, l'évaluation des lots depuis la dernière APS réussie et de nouvelles "
                                + "APS.",
                        new SingleChoice(
                                List.of(
                                        "L'APS est en échec : investigation, impact sur les lots, nouvelles APS",
                                        "L'APS est conforme, le taux étant inférieur à 0,1 %",
                                        "On écarte l'unité et on conclut sans investigation",
                                        "On répète l'incubation de l'unité pour confirmer"),
                                0)),
                question(
                        "aps-pire-cas",
                        SIMULATION,
                        "Que doit reproduire une APS ?",
                        "Les interventions, le nombre maximal d'opérateurs et la durée maximale ; jamais une pratique "
                                + "qui ajoute un risque de contamination.",
                        new MultipleChoice(
                                List.of(
                                        "Les interventions inhérentes et correctives",
                                        "Le nombre maximal d'opérateurs présents",
                                        "La durée maximale autorisée du procédé",
                                        "Des pratiques interdites en production, pour éprouver la ligne"),
                                Set.of(0, 1, 2))),
                question(
                        "aps-deroulement",
                        SIMULATION,
                        "Remettez dans l'ordre le déroulement d'une APS.",
                        "On remplit le milieu en simulant le procédé, on incube au moins 14 jours, on inspecte chaque "
                                + "unité, puis on réconcilie et on conclut.",
                        new Ordering(List.of(
                                "Remplir le milieu de culture en simulant le procédé et ses interventions",
                                "Incuber les unités au moins 14 jours",
                                "Inspecter chaque unité à la recherche d'une croissance",
                                "Réconcilier les unités et conclure"))),
                question(
                        "pupsit",
                        FILTRATION,
                        "Que désigne le PUPSIT ?",
                        "Le test d'intégrité du filtre stérilisant monté, après sa stérilisation et avant son usage.",
                        new SingleChoice(
                                List.of(
                                        "Le test d'intégrité du filtre après stérilisation et avant usage",
                                        "Le test d'intégrité du filtre après usage",
                                        "Le test de stérilité du produit filtré",
                                        "La mesure de la charge microbienne avant filtration"),
                                0)),
                question(
                        "charge-avant-filtration",
                        FILTRATION,
                        "Quelle charge microbienne maximale le guide de l'EMA sur la stérilisation retient-il en "
                                + "général avant une filtration stérilisante ?",
                        "10 UFC pour 100 mL au plus, dans la plupart des cas.",
                        new Numeric(10, Tolerance.absolute(0), "UFC/100 mL")),
                question(
                        "germe-epreuve",
                        FILTRATION,
                        "Quelle bactérie sert d'épreuve pour valider la rétention d'un filtre stérilisant ?",
                        "Brevundimonas diminuta, une petite bactérie, à au moins 10⁷ UFC/cm² (ASTM F838).",
                        new SingleChoice(
                                List.of(
                                        "Brevundimonas diminuta",
                                        "Escherichia coli",
                                        "Bacillus subtilis",
                                        "Staphylococcus aureus"),
                                0)),
                question(
                        "tests-integrite-filtre",
                        FILTRATION,
                        "Lesquels sont des tests d'intégrité non destructifs d'un filtre ?",
                        "Point de bulle, diffusion et maintien de pression ; l'essai de stérilité est un contrôle du "
                                + "produit, pas un test d'intégrité.",
                        new MultipleChoice(
                                List.of(
                                        "Le point de bulle",
                                        "Le test de diffusion",
                                        "Le maintien de pression",
                                        "L'essai de stérilité du filtrat"),
                                Set.of(0, 1, 2))),
                question(
                        "integrite-fusion",
                        FILTRATION,
                        "Quels récipients doivent subir un test d'intégrité à 100 % ?",
                        "Ceux fermés par fusion : ampoules et récipients blow-fill-seal.",
                        new SingleChoice(
                                List.of(
                                        "Les récipients fermés par fusion (ampoules, blow-fill-seal)",
                                        "Les flacons bouchés et sertis",
                                        "Les seringues préremplies",
                                        "Aucun : un échantillonnage suffit toujours"),
                                0)),
                question(
                        "nombre-flacons",
                        CALCULATIONS,
                        "Vous disposez de {vb} L de vrac ; les pertes (volumes morts, purges, contrôles) sont de {vp} "
                                + "L. Combien de flacons remplir à {vf} mL ?",
                        "Nombre = (vrac − pertes) × 1 000 / volume par flacon.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("vb", 20, 100, 10),
                                        new Range("vp", 1, 3, 0.5),
                                        new Range("vf", 1, 5, 0.5)),
                                "(vb - vp) * 1000 / vf",
                                Tolerance.relative(0.005),
                                "flacons")),
                question(
                        "volume-vrac",
                        CALCULATIONS,
                        "Pour remplir {n} flacons de {vf} mL avec {vp} L de pertes, quel volume de vrac faut-il ?",
                        "Volume = nombre × volume par flacon / 1 000 + pertes.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("n", 5000, 30000, 1000),
                                        new Range("vf", 1, 5, 0.5),
                                        new Range("vp", 1, 3, 0.5)),
                                "n * vf / 1000 + vp",
                                Tolerance.relative(0.01),
                                "L")),
                question(
                        "masse-nette",
                        CALCULATIONS,
                        "Le volume de remplissage est de {v} mL et la masse volumique de la solution de {rho} g/mL. "
                                + "Quelle masse nette viser aux contrôles de poids ?",
                        "Masse nette = volume × masse volumique.",
                        RandomisedNumeric.of(
                                List.of(new Range("v", 0.5, 10, 0.5), new Range("rho", 1.00, 1.10, 0.01)),
                                "v * rho",
                                Tolerance.relative(0.005),
                                "g")),
                question(
                        "surface-filtre",
                        CALCULATIONS,
                        "Il faut filtrer {v} L en {t} h ; les essais donnent un flux moyen de {j} L/m²/h. Quelle "
                                + "surface de filtre prévoir avec un facteur de sécurité de 1,5 ?",
                        "Surface = volume / (flux × durée) × 1,5.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("v", 50, 500, 50),
                                        new Range("t", 0.5, 2, 0.5),
                                        new Range("j", 200, 1000, 100)),
                                "v / (j * t) * 1.5",
                                Tolerance.relative(0.02),
                                "m²")));
    }
}
