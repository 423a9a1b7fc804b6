package fr.guichetbio.portal.dashboards.opendata;

import fr.guichetbio.portal.catalogue.exchange.CatalogueExport;
import fr.guichetbio.portal.catalogue.exchange.CatalogueRow;
import fr.guichetbio.portal.dashboards.disclosure.SmallCells;
import fr.guichetbio.portal.matchmaking.DemandFigures;
import fr.guichetbio.training.SkillFigures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What each dataset contains, computed from the owning modules' public read APIs: the catalogue's public export,
 * matchmaking's demand counts and training's skill figures. Aggregates pass through {@link SmallCells}.
 */
@Component
class DatasetContents {

    /**
     * Demand records whose brief named no French place, and certificates whose holder's region is unknown: a region
     * of its own, so that totals stay complete.
     */
    static final String UNKNOWN_REGION = "NC";

    /** The measures of the completions dataset: people who enrolled, people who completed. */
    static final List<String> COMPLETION_MEASURES = List.of("ENROLLED", "COMPLETED");

    /** The label of a total in the region and modality columns. */
    static final String ALL = "TOTAL";

    private final CatalogueExport catalogue;
    private final DemandFigures demand;
    private final SmallCells smallCells;
    private final SkillFigures skills;
    private final java.time.Clock clock = java.time.Clock.system(java.time.ZoneId.of("Europe/Paris"));

    DatasetContents(CatalogueExport catalogue, DemandFigures demand, SmallCells smallCells, SkillFigures skills) {
        this.catalogue = catalogue;
        this.demand = demand;
        this.smallCells = smallCells;
        this.skills = skills;
    }

    DatasetTable of(Dataset dataset) {
        return switch (dataset) {
            case CATALOGUE -> catalogue();
            case DEMAND -> demand();
            case TRAINING -> training();
            case COMPLETIONS -> completions();
        };
    }

    /**
     * The public catalogue's fields per site and modality. Left out although public on the site pages: the
     * organisation's contact e-mail (it may name a person), the street, the registry identifiers and the evidence
     * references (they identify documents, not capacity).
     */
    private DatasetTable catalogue() {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogueRow row : catalogue.rows()) {
            rows.add(java.util.Arrays.asList(
                    row.organisationKey(),
                    row.organisationName(),
                    row.organisationKind(),
                    row.siteKey(),
                    row.siteName(),
                    row.city(),
                    row.postalCode(),
                    row.regionCode(),
                    row.country(),
                    row.modality(),
                    join(row.services()),
                    join(row.stages()),
                    row.gmp(),
                    row.bioreactorCount(),
                    plain(row.largestWorkingVolumeLitres()),
                    plain(row.totalWorkingVolumeLitres()),
                    row.gmpVerification(),
                    "/sites/" + row.siteKey()));
        }
        return new DatasetTable(
                List.of(
                        "organisation_key",
                        "organisation_name",
                        "organisation_kind",
                        "site_key",
                        "site_name",
                        "city",
                        "postal_code",
                        "region_code",
                        "country",
                        "modality",
                        "services",
                        "stages",
                        "gmp",
                        "bioreactor_count",
                        "largest_working_volume_litres",
                        "total_working_volume_litres",
                        "gmp_verification",
                        "site_path"),
                rows);
    }

    /**
     * Briefs per ended quarter: for each quarter a region × modality table with its totals, protected on its own (the
     * quarters share no published total, so no equation links two quarters). Hidden figures are empty, with
     * {@code suppressed = true}.
     */
    private DatasetTable demand() {
        String current = currentQuarter();
        Map<String, List<DemandFigures.QuarterRegionCount>> byQuarter = demand.byQuarterRegionModality().stream()
                // Ended quarters only: a quarter still filling would change from one day's file to the next, and the
                // difference between two days is a single brief, small cells or not.
                .filter(count -> count.quarter().compareTo(current) < 0)
                .collect(Collectors.groupingBy(
                        DemandFigures.QuarterRegionCount::quarter, TreeMap::new, Collectors.toList()));
        List<List<Object>> rows = new ArrayList<>();
        byQuarter.forEach((quarter, counts) -> {
            List<String> regions = counts.stream()
                    .map(DatasetContents::region)
                    .distinct()
                    .sorted()
                    .toList();
            List<String> modalities = counts.stream()
                    .map(DemandFigures.QuarterRegionCount::modality)
                    .distinct()
                    .sorted()
                    .toList();
            SmallCells.Builder table = SmallCells.CrossTab.builder(regions, modalities);
            counts.forEach(count -> table.add(region(count), count.modality(), count.briefs()));
            SmallCells.Protected shown = smallCells.protect(table.build());
            for (String region : regions) {
                for (String modality : modalities) {
                    rows.add(figure(quarter, region, modality, shown.cell(region, modality)));
                }
                rows.add(figure(quarter, region, ALL, shown.rowTotal(region)));
            }
            for (String modality : modalities) {
                rows.add(figure(quarter, ALL, modality, shown.columnTotal(modality)));
            }
            rows.add(figure(quarter, ALL, ALL, shown.grandTotal()));
        });
        return new DatasetTable(List.of("quarter", "region_code", "modality", "briefs", "suppressed"), rows);
    }

    /**
     * People certified per ended quarter: for each quarter a course × region table (region of the holder's workplace
     * at issue, {@value #UNKNOWN_REGION} when unknown) with its totals, protected on its own as the demand's quarters
     * are. A person is counted once per quarter, course and region.
     */
    private DatasetTable training() {
        String current = currentQuarter();
        Map<String, List<SkillFigures.Certified>> byQuarter = skills.certifiedByQuarterCourseAndRegion().stream()
                .filter(count -> count.quarter().compareTo(current) < 0)
                .collect(Collectors.groupingBy(SkillFigures.Certified::quarter, TreeMap::new, Collectors.toList()));
        List<List<Object>> rows = new ArrayList<>();
        byQuarter.forEach((quarter, counts) -> {
            List<String> courses = counts.stream()
                    .map(SkillFigures.Certified::courseCode)
                    .distinct()
                    .sorted()
                    .toList();
            List<String> regions = counts.stream()
                    .map(DatasetContents::region)
                    .distinct()
                    .sorted()
                    .toList();
            SmallCells.Builder table = SmallCells.CrossTab.builder(courses, regions);
            counts.forEach(count -> table.add(count.courseCode(), region(count), count.people()));
            SmallCells.Protected shown = smallCells.protect(table.build());
            for (String course : courses) {
                for (String region : regions) {
                    rows.add(figure(quarter, course, region, shown.cell(course, region)));
                }
                rows.add(figure(quarter, course, ALL, shown.rowTotal(course)));
            }
            for (String region : regions) {
                rows.add(figure(quarter, ALL, region, shown.columnTotal(region)));
            }
            rows.add(figure(quarter, ALL, ALL, shown.grandTotal()));
        });
        return new DatasetTable(
                List.of("quarter", "course_code", "region_code", "people_certified", "suppressed"), rows);
    }

    /**
     * People enrolling in and people completing each course per ended quarter: for each quarter a course × measure
     * table protected on its own. Enrolments count by their quarter, completions by theirs (a completion is not
     * counted in its enrolment's quarter: that figure would keep changing after the quarter ended, and the difference
     * between two days' files would be one person). So the two do not add up: the courses' totals per measure are
     * published, a course's enrolled + completed is not.
     */
    private DatasetTable completions() {
        String current = currentQuarter();
        Map<String, List<SkillFigures.Completions>> byQuarter = skills.completionsByQuarterAndCourse().stream()
                .filter(count -> count.quarter().compareTo(current) < 0)
                .collect(Collectors.groupingBy(SkillFigures.Completions::quarter, TreeMap::new, Collectors.toList()));
        List<List<Object>> rows = new ArrayList<>();
        byQuarter.forEach((quarter, counts) -> {
            List<String> courses = counts.stream()
                    .map(SkillFigures.Completions::courseCode)
                    .distinct()
                    .sorted()
                    .toList();
            SmallCells.Builder table = SmallCells.CrossTab.builder(courses, COMPLETION_MEASURES);
            counts.forEach(count -> {
                table.add(count.courseCode(), COMPLETION_MEASURES.get(0), count.enrolled());
                table.add(count.courseCode(), COMPLETION_MEASURES.get(1), count.completed());
            });
            SmallCells.Protected shown = smallCells.protect(table.build());
            for (String course : courses) {
                for (String measure : COMPLETION_MEASURES) {
                    rows.add(figure(quarter, course, measure, shown.cell(course, measure)));
                }
            }
            for (String measure : COMPLETION_MEASURES) {
                rows.add(figure(quarter, ALL, measure, shown.columnTotal(measure)));
            }
        });
        return new DatasetTable(List.of("quarter", "course_code", "measure", "people", "suppressed"), rows);
    }

    private String currentQuarter() {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        return today.getYear() + "-Q" + ((today.getMonthValue() + 2) / 3);
    }

    private static String region(DemandFigures.QuarterRegionCount count) {
        return count.regionCode() == null ? UNKNOWN_REGION : count.regionCode();
    }

    private static String region(SkillFigures.Certified count) {
        return count.regionCode() == null ? UNKNOWN_REGION : count.regionCode();
    }

    /** A row of a quarter's protected table: its two labels, the count (empty when hidden) and whether hidden. */
    private static List<Object> figure(String quarter, String first, String second, OptionalLong count) {
        return java.util.Arrays.asList(
                quarter, first, second, count.isPresent() ? count.getAsLong() : null, count.isEmpty());
    }

    private static String plain(BigDecimal litres) {
        return litres == null ? null : litres.stripTrailingZeros().toPlainString();
    }

    private static String join(List<String> values) {
        return values == null ? null : String.join("|", values);
    }
}
