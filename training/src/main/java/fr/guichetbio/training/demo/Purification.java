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
 * « Chromatographie et purification des protéines » : the downstream process of a monoclonal antibody (Protein A
 * capture, polishing by ion exchange, mixed-mode and hydrophobic interaction, viral clearance after ICH Q5A(R2),
 * UF/DF) and its calculations (column volume, residence time, load, yield, diafiltration, LRV), in French.
 */
public final class Purification {

    public static final String CODE = "chromatographie-purification";

    private static final String CAPTURE = "capture-proteine-a";
    private static final String POLISHING = "polissage";
    private static final String VIRAL_SAFETY = "securite-virale";
    private static final String CALCULATIONS = "calculs-purification";

    private Purification() {}

    public static DemoCourse course() {
        CourseContent content = new CourseContent(
                CODE,
                "fr",
                Level.INTERMEDIATE,
                "Chromatographie et purification des protéines",
                "Le procédé aval d'un anticorps monoclonal : capture par protéine A, polissage par échange d'ions, "
                        + "mode mixte et interactions hydrophobes, inactivation et élimination virales selon ICH "
                        + "Q5A(R2), ultrafiltration/diafiltration, et les calculs de colonne et de procédé.",
                180,
                List.of("Fondamentaux des BPF, et des notions de biochimie des protéines (charge, point "
                        + "isoélectrique)."),
                List.of(
                        "Décrire un cycle de capture par protéine A et ce que la capture élimine ou non.",
                        "Choisir un polissage (CEX, AEX, mode mixte, HIC) selon l'impureté à retirer.",
                        "Expliquer les étapes de sécurité virale et additionner des LRV à bon escient.",
                        "Calculer un volume de colonne, un temps de séjour, une charge, un rendement et une "
                                + "diafiltration."),
                List.of(
                        new Module(
                                "Le procédé de purification", List.of(lesson(CODE, CAPTURE), lesson(CODE, POLISHING))),
                        new Module(
                                "Sécurité virale et calculs",
                                List.of(lesson(CODE, VIRAL_SAFETY), lesson(CODE, CALCULATIONS)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put(CAPTURE, 2);
        draw.put(POLISHING, 2);
        draw.put(VIRAL_SAFETY, 3);
        draw.put(CALCULATIONS, 3);
        Quiz quiz = DemoCourse.quiz(bank(), draw);
        return new DemoCourse(content, quiz);
    }

    static List<Question> bank() {
        return List.of(
                question(
                        "region-fixee",
                        CAPTURE,
                        "Quelle région d'une IgG la protéine A fixe-t-elle ?",
                        "La protéine A de Staphylococcus aureus fixe la région Fc des IgG.",
                        new SingleChoice(
                                List.of(
                                        "La région Fc",
                                        "Le site de liaison à l'antigène (Fab)",
                                        "Les chaînes légères seules",
                                        "Les glycanes de la chaîne lourde"),
                                0)),
                question(
                        "elution-proteine-a",
                        CAPTURE,
                        "Comment élue-t-on un anticorps fixé sur une résine protéine A ?",
                        "Un tampon acide (pH de l'ordre de 3 à 4) rompt la liaison Fc–protéine A.",
                        new SingleChoice(
                                List.of(
                                        "Avec un tampon acide",
                                        "Avec un tampon très salin à pH neutre",
                                        "Avec de la soude 0,5 M",
                                        "En chauffant la colonne"),
                                0)),
                question(
                        "apport-capture",
                        CAPTURE,
                        "Qu'apporte l'étape de capture par protéine A ?",
                        "Elle concentre le produit, réduit le volume et retire l'essentiel des HCP et de l'ADN ; les "
                                + "agrégats, qui portent des Fc, restent l'affaire du polissage.",
                        new MultipleChoice(
                                List.of(
                                        "Elle concentre l'anticorps et réduit le volume à traiter",
                                        "Elle élimine l'essentiel des protéines de la cellule hôte et de l'ADN",
                                        "Elle élimine à coup sûr tous les agrégats",
                                        "Elle dispense de doser la protéine A résiduelle"),
                                Set.of(0, 1))),
                question(
                        "cycle-chromatographie",
                        CAPTURE,
                        "Remettez dans l'ordre un cycle de chromatographie de capture.",
                        "Équilibration, charge, lavage, élution, puis nettoyage en place avant le cycle suivant.",
                        new Ordering(List.of(
                                "Équilibration", "Charge de la récolte", "Lavage", "Élution", "Nettoyage en place"))),
                question(
                        "aex-non-retenu",
                        POLISHING,
                        "En échange d'anions non retenu, à un pH inférieur au pI de l'anticorps, qu'est-ce qui se "
                                + "fixe sur la résine ?",
                        "L'anticorps, chargé positivement, traverse ; l'ADN, les HCP acides, les endotoxines et de "
                                + "nombreux virus, chargés négativement, se fixent.",
                        new MultipleChoice(
                                List.of("L'ADN", "Les endotoxines", "De nombreux virus", "L'anticorps monomère"),
                                Set.of(0, 1, 2))),
                question(
                        "hic-sel",
                        POLISHING,
                        "Comment fonctionne la chromatographie d'interactions hydrophobes ?",
                        "Les protéines se fixent en présence de beaucoup de sel et s'éluent quand le sel diminue.",
                        new SingleChoice(
                                List.of(
                                        "Fixation à forte concentration en sel, élution en abaissant le sel",
                                        "Fixation à faible sel, élution en augmentant le sel",
                                        "Fixation sur un ligand d'affinité pour le Fc",
                                        "Séparation par taille dans les pores, sans fixation"),
                                0)),
                question(
                        "mode-mixte",
                        POLISHING,
                        "Qu'est-ce qu'une résine à mode mixte ?",
                        "Un ligand qui combine interactions ioniques et hydrophobes.",
                        new SingleChoice(
                                List.of(
                                        "Un ligand qui combine interactions ioniques et hydrophobes",
                                        "Un mélange de deux résines dans la même colonne",
                                        "Une résine utilisable en capture et en stockage",
                                        "Une résine d'exclusion stérique greffée de protéine A"),
                                0)),
                question(
                        "enchainement-aval",
                        POLISHING,
                        "Remettez dans l'ordre les étapes d'un procédé aval d'anticorps type.",
                        "Capture, inactivation à pH bas sur l'éluat acide, polissage, filtration virale, puis "
                                + "UF/DF pour amener le produit dans son tampon de formulation.",
                        new Ordering(List.of(
                                "Capture par protéine A",
                                "Inactivation virale à pH bas",
                                "Polissage par échange d'ions",
                                "Filtration virale",
                                "Ultrafiltration/diafiltration"))),
                question(
                        "ligne-directrice-virale",
                        VIRAL_SAFETY,
                        "Quelle ligne directrice ICH traite de la sécurité virale des produits issus de lignées "
                                + "cellulaires ?",
                        "ICH Q5A(R2), révisée et adoptée en 2023.",
                        new SingleChoice(List.of("ICH Q5A(R2)", "ICH Q5C", "ICH Q3A", "ICH Q2(R2)"), 0)),
                question(
                        "ph-bas-cible",
                        VIRAL_SAFETY,
                        "Quels virus l'inactivation à pH bas vise-t-elle surtout ?",
                        "Les virus enveloppés, rétrovirus notamment ; les petits virus non enveloppés (parvovirus) y "
                                + "résistent largement.",
                        new SingleChoice(
                                List.of(
                                        "Les virus enveloppés",
                                        "Les parvovirus",
                                        "Tous les virus, enveloppés ou non",
                                        "Aucun : elle sert à éluer"),
                                0)),
                question(
                        "lrv-titres",
                        VIRAL_SAFETY,
                        "Une étape fait passer la quantité de virus de 10⁷ à 10³ unités infectieuses. Quelle est sa "
                                + "LRV ?",
                        "LRV = log₁₀(10⁷ / 10³) = 7 − 3 = 4.",
                        new Numeric(4, Tolerance.absolute(0), "log₁₀")),
                question(
                        "virus-modeles",
                        VIRAL_SAFETY,
                        "Lesquels sont des virus modèles courants des études de clairance d'un anticorps produit en "
                                + "CHO ?",
                        "X-MuLV représente les particules de type rétroviral des rongeurs, MVM les petits virus non "
                                + "enveloppés et résistants.",
                        new MultipleChoice(
                                List.of(
                                        "Le rétrovirus murin X-MuLV",
                                        "Le parvovirus murin MVM",
                                        "Escherichia coli",
                                        "Mycoplasma pneumoniae"),
                                Set.of(0, 1))),
                question(
                        "additivite-lrv",
                        VIRAL_SAFETY,
                        "Quand peut-on additionner les LRV de deux étapes ?",
                        "Quand leurs mécanismes sont différents (orthogonaux) ; deux étapes de même mécanisme ne "
                                + "s'additionnent pas.",
                        new SingleChoice(
                                List.of(
                                        "Quand leurs mécanismes d'élimination ou d'inactivation sont différents",
                                        "Toujours, quelles que soient les étapes",
                                        "Seulement si elles utilisent la même résine",
                                        "Jamais : seule la meilleure étape compte"),
                                0)),
                question(
                        "volume-colonne",
                        CALCULATIONS,
                        "Une colonne de {d} cm de diamètre est remplie sur une hauteur de lit de {h} cm. Quel est son "
                                + "volume de résine ?",
                        "Volume = π × (d / 2)² × h, en mL (cm³) ; divisez par 1 000 pour des litres.",
                        RandomisedNumeric.of(
                                List.of(new Range("d", 10, 60, 5), new Range("h", 10, 30, 5)),
                                "3.14159 * (d / 2) ^ 2 * h / 1000",
                                Tolerance.relative(0.02),
                                "L")),
                question(
                        "temps-sejour",
                        CALCULATIONS,
                        "Un lit de {h} cm est opéré à une vitesse linéaire de {u} cm/h. Quel est le temps de séjour ?",
                        "Temps de séjour = hauteur de lit / vitesse linéaire, × 60 pour des minutes.",
                        RandomisedNumeric.of(
                                List.of(new Range("h", 10, 30, 5), new Range("u", 100, 400, 50)),
                                "h / u * 60",
                                Tolerance.relative(0.02),
                                "min")),
                question(
                        "volume-charge",
                        CALCULATIONS,
                        "La DBC 10 % de la résine est de {dbc} g/L ; on charge à {p} % de la DBC une colonne de {cv} L. "
                                + "Quel volume de récolte à {t} g/L peut-on charger par cycle ?",
                        "Volume = DBC × p / 100 × volume de colonne / titre.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("dbc", 30, 70, 5),
                                        new Range("p", 70, 90, 5),
                                        new Range("cv", 1, 20, 1),
                                        new Range("t", 1, 6, 0.5)),
                                "dbc * p / 100 * cv / t",
                                Tolerance.relative(0.01),
                                "L")),
                question(
                        "rendement-global",
                        CALCULATIONS,
                        "Trois étapes ont des rendements de {y1} %, {y2} % et {y3} %. Quel est le rendement global ?",
                        "Le rendement global est le produit des rendements : y1 × y2 × y3 / 10 000 en %.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("y1", 85, 98, 1),
                                        new Range("y2", 80, 98, 2),
                                        new Range("y3", 85, 98, 1)),
                                "y1 * y2 * y3 / 10000",
                                Tolerance.absolute(0.5),
                                "%")),
                question(
                        "volume-diafiltration",
                        CALCULATIONS,
                        "Vous diafiltrez à volume constant un rétentat de {v} L sur {n} diavolumes. Quel volume de "
                                + "tampon faut-il ?",
                        "Volume de tampon = nombre de diavolumes × volume du rétentat.",
                        RandomisedNumeric.of(
                                List.of(new Range("v", 5, 100, 5), new Range("n", 5, 10, 1)),
                                "n * v",
                                Tolerance.relative(0.01),
                                "L")),
                question(
                        "sel-residuel",
                        CALCULATIONS,
                        "Le rétentat contient {c0} mM de NaCl, qui traverse librement la membrane. Quelle "
                                + "concentration reste-t-il après {n} diavolumes à volume constant ? (e ≈ 2,718)",
                        "C = C₀ × e⁻ᴺ : chaque diavolume divise la concentration par environ 2,718.",
                        RandomisedNumeric.of(
                                List.of(new Range("c0", 50, 300, 50), new Range("n", 3, 8, 1)),
                                "c0 * 2.71828 ^ (-n)",
                                Tolerance.relative(0.03),
                                "mM")),
                question(
                        "somme-lrv",
                        CALCULATIONS,
                        "Les études de clairance donnent {r1} log₁₀ pour l'inactivation à pH bas, {r2} log₁₀ pour la "
                                + "filtration virale et {r3} log₁₀ pour l'AEX non retenu. Quelle est la clairance "
                                + "totale ?",
                        "Les trois mécanismes sont différents : on additionne les LRV.",
                        RandomisedNumeric.of(
                                List.of(
                                        new Range("r1", 2, 5, 0.5),
                                        new Range("r2", 3, 6, 0.5),
                                        new Range("r3", 2, 5, 0.5)),
                                "r1 + r2 + r3",
                                Tolerance.absolute(0.05),
                                "log₁₀")));
    }
}
