package fr.guichetbio.portal.dashboards;

import fr.guichetbio.portal.catalogue.CapacityFigures;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.dashboards.FigureTable.Column;
import fr.guichetbio.portal.matchmaking.DemandFigures;
import fr.guichetbio.training.SkillFigures;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The dashboards' figures as tables in the reader's language, from the owning modules' aggregates: capacity
 * (catalogue), demand (matchmaking) and skills (training). Turning aggregates into labelled rows is all that happens
 * here; nothing is counted in Java.
 */
@Service
public class Dashboards {

    /** A dashboard page and the path its downloads live under. */
    public enum Section {
        CAPACITY("capacite"),
        DEMAND("demande"),
        SKILLS("competences");

        private final String path;

        Section(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** Open capacity is shown for this many quarters ahead, the current one included. */
    static final int OPEN_CAPACITY_QUARTERS = 8;

    /** Months of trends shown. */
    static final int TREND_MONTHS = 24;

    /** Certifications expiring within this many months are listed. */
    static final int EXPIRY_MONTHS = 6;

    private final CapacityFigures capacity;
    private final DemandFigures demand;
    private final SkillFigures skills;
    private final Snapshots snapshots;
    private final MessageSource messages;
    private final Clock clock;

    Dashboards(
            CapacityFigures capacity,
            DemandFigures demand,
            SkillFigures skills,
            Snapshots snapshots,
            MessageSource messages) {
        this.snapshots = snapshots;
        this.capacity = capacity;
        this.demand = demand;
        this.skills = skills;
        this.messages = messages;
        this.clock = Clock.system(ZoneId.of("Europe/Paris"));
    }

    /** Every figure of a section under the filters, in page order. */
    public List<FigureTable> figures(Section section, DashboardFilters filters, Locale locale) {
        Labels l = new Labels(locale);
        return switch (section) {
            case CAPACITY -> withTrend(capacityFigures(filters, l), trend(section, l));
            case DEMAND -> withTrend(demandFigures(filters, l), trend(section, l));
            case SKILLS -> withTrend(skillFigures(l), trend(section, l));
        };
    }

    /** One figure of a section by its identifier. */
    public Optional<FigureTable> figure(Section section, String id, DashboardFilters filters, Locale locale) {
        return figures(section, filters, locale).stream()
                .filter(f -> f.id().equals(id))
                .findFirst();
    }

    private List<FigureTable> capacityFigures(DashboardFilters filters, Labels l) {
        CapacityFigures.Scope scope = new CapacityFigures.Scope(filters.modalityCodes(), filters.region());
        List<List<Object>> regional = new ArrayList<>();
        for (CapacityFigures.RegionalCapacity c : capacity.byModalityAndRegion(scope)) {
            regional.add(List.of(
                    l.modality(c.modality()),
                    l.region(c.regionCode()),
                    c.sites(),
                    Math.round(c.workingVolumeLitres())));
        }
        List<List<Object>> coverage = new ArrayList<>();
        for (CapacityFigures.EvidenceCoverage c : capacity.evidenceCoverage(scope)) {
            coverage.add(List.of(l.get("dashboards.verification." + c.verification()), c.sites()));
        }
        List<List<Object>> open = new ArrayList<>();
        for (CapacityFigures.OpenCapacity c :
                capacity.openCapacity(scope, LocalDate.now(clock), OPEN_CAPACITY_QUARTERS)) {
            open.add(List.of(c.quarter(), l.modality(c.modality()), Math.round(c.litres()), c.slots(), c.sites()));
        }
        return List.of(
                new FigureTable(
                        "capacite-regions",
                        l.get("dashboards.capacity.regions.caption"),
                        List.of(
                                l.column("modality", false),
                                l.column("region", false),
                                l.column("sites", true),
                                l.column("litres", true)),
                        regional,
                        List.of(0, 1),
                        3),
                new FigureTable(
                        "capacite-bpf",
                        l.get("dashboards.capacity.evidence.caption"),
                        List.of(l.column("verification", false), l.column("sites", true)),
                        coverage,
                        List.of(0),
                        1),
                new FigureTable(
                        "capacite-ouverte",
                        l.get("dashboards.capacity.open.caption"),
                        List.of(
                                l.column("quarter", false),
                                l.column("modality", false),
                                l.column("litres", true),
                                l.column("slots", true),
                                l.column("sites", true)),
                        open,
                        List.of(0, 1),
                        2));
    }

    private List<FigureTable> demandFigures(DashboardFilters filters, Labels l) {
        DemandFigures.Scope scope = new DemandFigures.Scope(
                filters.modalityCodes(), filters.region(), filters.fromQuarter(LocalDate.now(clock)));
        List<List<Object>> briefs = new ArrayList<>();
        for (DemandFigures.BriefCount b : demand.briefs(scope)) {
            briefs.add(List.of(
                    b.quarter(),
                    l.modality(b.modality()),
                    b.stage() == null ? l.get("dashboards.unspecified") : l.vocabulary("stage", b.stage()),
                    b.briefs()));
        }
        List<List<Object>> unmet = new ArrayList<>();
        for (DemandFigures.UnmetDemand u : demand.unmet(scope)) {
            unmet.add(List.of(l.modality(u.modality()), l.region(u.regionCode()), u.briefs(), u.unmet()));
        }
        DemandFigures.Responsiveness r = demand.responsiveness(scope);
        List<List<Object>> answers = List.of(List.of(
                r.requests(),
                r.answered(),
                r.requests() == 0 ? 0 : Math.round(100.0 * r.answered() / r.requests()),
                r.medianFirstReply() == null ? 0 : r.medianFirstReply().toHours()));
        return List.of(
                new FigureTable(
                        "demande-cahiers",
                        l.get("dashboards.demand.briefs.caption"),
                        List.of(
                                l.column("quarter", false),
                                l.column("modality", false),
                                l.column("stage", false),
                                l.column("briefs", true)),
                        briefs,
                        List.of(0, 1, 2),
                        3),
                new FigureTable(
                        "demande-non-satisfaite",
                        l.get("dashboards.demand.unmet.caption", DemandFigures.QUALIFIED_SITES_NEEDED),
                        List.of(
                                l.column("modality", false),
                                l.column("region", false),
                                l.column("briefs", true),
                                l.column("unmet", true)),
                        unmet,
                        List.of(0, 1),
                        3),
                new FigureTable(
                        "demande-reponses",
                        l.get("dashboards.demand.answers.caption"),
                        List.of(
                                l.column("requests", true),
                                l.column("answered", true),
                                l.column("answerRate", true),
                                l.column("medianHours", true)),
                        answers,
                        List.of(),
                        2));
    }

    private List<FigureTable> skillFigures(Labels l) {
        var now = clock.instant();
        List<List<Object>> roles = new ArrayList<>();
        for (SkillFigures.CertifiedByRole c : skills.certifiedByRole(now)) {
            roles.add(List.of(l.get("training.role." + c.role()), c.people()));
        }
        List<List<Object>> courses = new ArrayList<>();
        for (SkillFigures.CourseRates c : skills.courseRates()) {
            courses.add(List.of(
                    c.title(),
                    c.enrolled(),
                    c.completed(),
                    percent(c.completed(), c.enrolled()),
                    c.attempts(),
                    c.passed(),
                    percent(c.passed(), c.attempts())));
        }
        List<List<Object>> expiring = new ArrayList<>();
        for (SkillFigures.Expiring e : skills.expiring(now, EXPIRY_MONTHS)) {
            expiring.add(List.of(e.month(), e.course(), e.certificates()));
        }
        return List.of(
                new FigureTable(
                        "competences-metiers",
                        l.get("dashboards.skills.roles.caption"),
                        List.of(l.column("role", false), l.column("people", true)),
                        roles,
                        List.of(0),
                        1),
                new FigureTable(
                        "competences-cours",
                        l.get("dashboards.skills.courses.caption"),
                        List.of(
                                l.column("course", false),
                                l.column("enrolled", true),
                                l.column("completed", true),
                                l.column("completionRate", true),
                                l.column("attempts", true),
                                l.column("passed", true),
                                l.column("passRate", true)),
                        courses,
                        List.of(0),
                        3),
                new FigureTable(
                        "competences-expirations",
                        l.get("dashboards.skills.expiring.caption", EXPIRY_MONTHS),
                        List.of(l.column("month", false), l.column("course", false), l.column("certificates", true)),
                        expiring,
                        List.of(0, 1),
                        2));
    }

    private static List<FigureTable> withTrend(List<FigureTable> figures, FigureTable trend) {
        List<FigureTable> all = new ArrayList<>(figures);
        all.add(trend);
        return all;
    }

    /** The section's headline figures month by month (the whole sector: the filters do not apply). */
    private FigureTable trend(Section section, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (Snapshots.Snapshot s : snapshots.history(TREND_MONTHS)) {
            String month = s.month().toString().substring(0, 7);
            rows.add(
                    switch (section) {
                        case CAPACITY -> List.of(month, s.sites(), Math.round(s.workingVolumeLitres()));
                        case DEMAND -> List.of(month, s.briefs(), s.unmetBriefs());
                        case SKILLS -> List.of(month, s.certifiedPeople());
                    });
        }
        List<Column> columns = switch (section) {
            case CAPACITY -> List.of(l.column("month", false), l.column("sites", true), l.column("litres", true));
            case DEMAND -> List.of(l.column("month", false), l.column("briefs", true), l.column("unmet", true));
            case SKILLS -> List.of(l.column("month", false), l.column("people", true));
        };
        return new FigureTable(
                section.path() + "-tendance",
                l.get("dashboards.trend.caption." + section.name(), TREND_MONTHS),
                columns,
                rows,
                List.of(0),
                1);
    }

    private static long percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(100.0 * part / whole);
    }

    /** Labels in one language. */
    private final class Labels {
        private final Locale locale;

        Labels(Locale locale) {
            this.locale = locale;
        }

        String get(String key, Object... arguments) {
            return messages.getMessage(key, arguments, key, locale);
        }

        String vocabulary(String facet, String code) {
            return get(Vocabulary.messageKey(facet, code));
        }

        String modality(String code) {
            return vocabulary("modality", code);
        }

        String region(String code) {
            return code == null ? get("dashboards.region.none") : vocabulary("region", code);
        }

        Column column(String key, boolean numeric) {
            return new Column(key, get("dashboards.column." + key), numeric);
        }
    }
}
