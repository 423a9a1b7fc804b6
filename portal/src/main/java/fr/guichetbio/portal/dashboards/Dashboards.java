package fr.guichetbio.portal.dashboards;

import fr.guichetbio.portal.catalogue.CapacityFigures;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.dashboards.FigureTable.Column;
import fr.guichetbio.portal.matchmaking.DemandFigures;
import fr.guichetbio.training.SkillFigures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
    private final FigureCache cache;
    private final ReplicaReads replica;
    private final MessageSource messages;
    private final Clock clock;
    private final RegionShapes shapes = RegionShapes.load();

    Dashboards(
            CapacityFigures capacity,
            DemandFigures demand,
            SkillFigures skills,
            Snapshots snapshots,
            FigureCache cache,
            ReplicaReads replica,
            MessageSource messages) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.replica = replica;
        this.capacity = capacity;
        this.demand = demand;
        this.skills = skills;
        this.messages = messages;
        this.clock = Clock.system(ZoneId.of("Europe/Paris"));
    }

    /** The figures of each section, in page order: each is computed only when asked for. */
    private static final Map<Section, List<String>> FIGURES = Map.of(
            Section.CAPACITY,
                    List.of(
                            "capacite-carte",
                            "capacite-regions",
                            "capacite-bpf",
                            "capacite-ouverte",
                            "capacite-tendance"),
            Section.DEMAND,
                    List.of("demande-cahiers", "demande-non-satisfaite", "demande-reponses", "demande-tendance"),
            Section.SKILLS,
                    List.of(
                            "competences-metiers",
                            "competences-cours",
                            "competences-expirations",
                            "competences-tendance"));

    /** Whether the figures are read from a replica, which the pages then say. */
    public boolean readFromReplica() {
        return replica.configured();
    }

    /** The identifiers of a section's figures, in page order. */
    public List<String> figureIds(Section section) {
        return FIGURES.get(section);
    }

    /** A section's figures in page order, and when the oldest of them was computed. */
    public record Figures(List<FigureTable> tables, Instant computedAt) {}

    /** Every figure of a section under the filters, in page order (each as computed at most a short while ago). */
    public Figures figures(Section section, DashboardFilters filters, Locale locale) {
        List<FigureCache.Computed> computed = FIGURES.get(section).stream()
                .map(id -> computed(id, filters, locale))
                .toList();
        return new Figures(
                computed.stream().map(FigureCache.Computed::table).toList(),
                computed.stream()
                        .map(FigureCache.Computed::at)
                        .min(Instant::compareTo)
                        .orElseGet(clock::instant));
    }

    /** One figure of a section by its identifier (only its own query runs), as the page shows it. */
    public Optional<FigureTable> figure(Section section, String id, DashboardFilters filters, Locale locale) {
        return FIGURES.get(section).contains(id)
                ? Optional.of(computed(id, filters, locale).table())
                : Optional.empty();
    }

    private FigureCache.Computed computed(String id, DashboardFilters filters, Locale locale) {
        // On the read replica when there is one: the figures already tolerate the cache's minutes of age.
        return cache.get(id, filters, locale, () -> replica.read(() -> figure(id, filters, new Labels(locale))));
    }

    private FigureTable figure(String id, DashboardFilters filters, Labels l) {
        CapacityFigures.Scope capacityScope = new CapacityFigures.Scope(filters.modalityCodes(), filters.region());
        DemandFigures.Scope demandScope = new DemandFigures.Scope(
                filters.modalityCodes(), filters.region(), filters.fromQuarter(LocalDate.now(clock)));
        return switch (id) {
            case "capacite-regions" -> capacityByRegion(capacityScope, l);
            case "capacite-carte" -> capacityMap(capacityScope, l);
            case "capacite-bpf" -> evidenceCoverage(capacityScope, l);
            case "capacite-ouverte" -> openCapacity(capacityScope, l);
            case "demande-cahiers" -> briefs(demandScope, l);
            case "demande-non-satisfaite" -> unmet(demandScope, l);
            case "demande-reponses" -> answers(demandScope, l);
            // Skills: the region filter applies (the holder's workplace at issue); modality and period do not.
            case "competences-metiers" -> certifiedByRole(filters.region(), l);
            case "competences-cours" -> courseRates(l);
            case "competences-expirations" -> expiring(filters.region(), l);
            case "capacite-tendance" -> trend(Section.CAPACITY, filters, l);
            case "demande-tendance" -> trend(Section.DEMAND, filters, l);
            case "competences-tendance" -> trend(Section.SKILLS, filters, l);
            default -> throw new IllegalArgumentException("no such figure: " + id);
        };
    }

    private FigureTable capacityByRegion(CapacityFigures.Scope scope, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (CapacityFigures.RegionalCapacity c : capacity.byModalityAndRegion(scope)) {
            rows.add(List.of(
                    l.modality(c.modality()),
                    l.region(c.regionCode()),
                    c.sites(),
                    Math.round(c.workingVolumeLitres())));
        }
        return new FigureTable(
                "capacite-regions",
                l.get("dashboards.capacity.regions.caption"),
                List.of(
                        l.column("modality", false),
                        l.column("region", false),
                        l.column("sites", true),
                        l.column("litres", true)),
                rows,
                List.of(0, 1),
                3);
    }

    /**
     * Sites and litres by region, as a map whose classes follow the litres and as its table (regions with sites in the
     * selection, largest volume first).
     */
    private FigureTable capacityMap(CapacityFigures.Scope scope, Labels l) {
        List<CapacityFigures.RegionCapacity> figures = capacity.byRegion(scope);
        List<List<Object>> rows = new ArrayList<>();
        Map<String, CapacityFigures.RegionCapacity> byCode = new HashMap<>();
        for (CapacityFigures.RegionCapacity c : figures) {
            rows.add(List.of(l.region(c.regionCode()), c.sites(), Math.round(c.workingVolumeLitres())));
            if (c.regionCode() != null) {
                byCode.put(c.regionCode(), c);
            }
        }
        List<Double> volumes = byCode.values().stream()
                .map(CapacityFigures.RegionCapacity::workingVolumeLitres)
                .toList();
        List<RegionMap.Area> areas = new ArrayList<>();
        // Each class's smallest and largest volume (rounded as in the table), for the legend.
        Map<Integer, long[]> ranges = new TreeMap<>();
        for (Vocabulary.Region region : Vocabulary.Region.values()) {
            CapacityFigures.RegionCapacity c = byCode.get(region.code());
            String name = l.region(region.code());
            if (c == null) {
                areas.add(new RegionMap.Area(
                        region.code(), shapes.paths().get(region.code()), 0, l.get("dashboards.map.area.none", name)));
                continue;
            }
            long litres = Math.round(c.workingVolumeLitres());
            int level = RegionMap.level(c.workingVolumeLitres(), volumes);
            ranges.merge(level, new long[] {litres, litres}, (a, b) ->
                    new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            areas.add(new RegionMap.Area(
                    region.code(),
                    shapes.paths().get(region.code()),
                    level,
                    l.get("dashboards.map.area", name, c.sites(), litres)));
        }
        List<RegionMap.LegendClass> legend = new ArrayList<>();
        legend.add(new RegionMap.LegendClass(0, l.get("dashboards.map.legend.none")));
        ranges.forEach((level, range) -> legend.add(new RegionMap.LegendClass(
                level,
                range[0] == range[1]
                        ? l.get("dashboards.map.legend.single", range[0])
                        : l.get("dashboards.map.legend.range", range[0], range[1]))));
        return new FigureTable(
                "capacite-carte",
                l.get("dashboards.capacity.map.caption"),
                List.of(l.column("region", false), l.column("sites", true), l.column("litres", true)),
                rows,
                List.of(0),
                2,
                new RegionMap(shapes.viewBox(), shapes.insets(), areas, legend));
    }

    private FigureTable evidenceCoverage(CapacityFigures.Scope scope, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (CapacityFigures.EvidenceCoverage c : capacity.evidenceCoverage(scope)) {
            rows.add(List.of(l.get("dashboards.verification." + c.verification()), c.sites()));
        }
        return new FigureTable(
                "capacite-bpf",
                l.get("dashboards.capacity.evidence.caption"),
                List.of(l.column("verification", false), l.column("sites", true)),
                rows,
                List.of(0),
                1);
    }

    private FigureTable openCapacity(CapacityFigures.Scope scope, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (CapacityFigures.OpenCapacity c :
                capacity.openCapacity(scope, LocalDate.now(clock), OPEN_CAPACITY_QUARTERS)) {
            rows.add(List.of(c.quarter(), l.modality(c.modality()), Math.round(c.litres()), c.slots(), c.sites()));
        }
        return new FigureTable(
                "capacite-ouverte",
                l.get("dashboards.capacity.open.caption"),
                List.of(
                        l.column("quarter", false),
                        l.column("modality", false),
                        l.column("litres", true),
                        l.column("slots", true),
                        l.column("sites", true)),
                rows,
                List.of(0, 1),
                2);
    }

    private FigureTable briefs(DemandFigures.Scope scope, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (DemandFigures.BriefCount b : demand.briefs(scope)) {
            rows.add(List.of(
                    b.quarter(),
                    l.modality(b.modality()),
                    b.stage() == null ? l.get("dashboards.unspecified") : l.vocabulary("stage", b.stage()),
                    b.briefs()));
        }
        return new FigureTable(
                "demande-cahiers",
                l.get("dashboards.demand.briefs.caption"),
                List.of(
                        l.column("quarter", false),
                        l.column("modality", false),
                        l.column("stage", false),
                        l.column("briefs", true)),
                rows,
                List.of(0, 1, 2),
                3);
    }

    private FigureTable unmet(DemandFigures.Scope scope, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (DemandFigures.UnmetDemand u : demand.unmet(scope)) {
            rows.add(List.of(l.modality(u.modality()), l.region(u.regionCode()), u.briefs(), u.unmet()));
        }
        return new FigureTable(
                "demande-non-satisfaite",
                l.get("dashboards.demand.unmet.caption", DemandFigures.QUALIFIED_SITES_NEEDED),
                List.of(
                        l.column("modality", false),
                        l.column("region", false),
                        l.column("briefs", true),
                        l.column("unmet", true)),
                rows,
                List.of(0, 1),
                3);
    }

    private FigureTable answers(DemandFigures.Scope scope, Labels l) {
        DemandFigures.Responsiveness r = demand.responsiveness(scope);
        return new FigureTable(
                "demande-reponses",
                l.get("dashboards.demand.answers.caption"),
                List.of(
                        l.column("requests", true),
                        l.column("answered", true),
                        l.column("answerRate", true),
                        l.column("medianHours", true)),
                List.of(List.of(
                        r.requests(),
                        r.answered(),
                        percent(r.answered(), r.requests()),
                        r.medianFirstReply() == null ? 0 : r.medianFirstReply().toHours())),
                List.of(),
                2);
    }

    private FigureTable certifiedByRole(String region, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (SkillFigures.CertifiedByRole c : skills.certifiedByRole(clock.instant(), region)) {
            rows.add(List.of(l.get("training.role." + c.role()), l.skillsRegion(c.regionCode()), c.people()));
        }
        return new FigureTable(
                "competences-metiers",
                l.get("dashboards.skills.roles.caption"),
                List.of(l.column("role", false), l.column("region", false), l.column("people", true)),
                rows,
                List.of(0, 1),
                2);
    }

    private FigureTable courseRates(Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (SkillFigures.CourseRates c : skills.courseRates()) {
            rows.add(List.of(
                    c.title(),
                    c.enrolled(),
                    c.completed(),
                    percent(c.completed(), c.enrolled()),
                    c.attempts(),
                    c.passed(),
                    percent(c.passed(), c.attempts())));
        }
        return new FigureTable(
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
                rows,
                List.of(0),
                3);
    }

    private FigureTable expiring(String region, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (SkillFigures.Expiring e : skills.expiring(clock.instant(), EXPIRY_MONTHS, region)) {
            rows.add(List.of(e.month(), e.course(), e.certificates()));
        }
        return new FigureTable(
                "competences-expirations",
                l.get("dashboards.skills.expiring.caption", EXPIRY_MONTHS),
                List.of(l.column("month", false), l.column("course", false), l.column("certificates", true)),
                rows,
                List.of(0, 1),
                2);
    }

    /**
     * The section's headline figures month by month under the region and modality filters (skills: the whole sector,
     * they have no modality; the period filter does not apply: a trend is its own period).
     */
    private FigureTable trend(Section section, DashboardFilters filters, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        List<Snapshots.Snapshot> history = section == Section.SKILLS
                ? snapshots.history(TREND_MONTHS, null, null)
                : snapshots.history(TREND_MONTHS, filters.region(), filters.modality());
        for (Snapshots.Snapshot s : history) {
            String month = s.month().toString().substring(0, 7);
            rows.add(
                    switch (section) {
                        case CAPACITY -> List.of(month, s.sites(), Math.round(s.workingVolumeLitres()));
                        case DEMAND -> List.of(month, s.briefs(), s.unmetBriefs());
                        case SKILLS -> List.of(month, s.certifiedPeople() == null ? 0 : s.certifiedPeople());
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

        /** A certificate's region: unknown for those issued before regions were recorded or without a French site. */
        String skillsRegion(String code) {
            return code == null ? get("dashboards.skills.region.unknown") : vocabulary("region", code);
        }

        Column column(String key, boolean numeric) {
            return new Column(key, get("dashboards.column." + key), numeric);
        }
    }
}
