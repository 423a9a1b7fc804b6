package fr.guichetbio.portal.matchmaking.brief;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits of a brief, in one place for the form, the API and the service: each broken rule is a field and a
 * message key ({@code brief.error.*}) that the page shows next to the field.
 */
public final class BriefRules {

    public static final int TITLE_MIN = 3;
    public static final int TITLE_MAX = 120;
    /** From a gram of a research protein to 100 t a year (the largest antibody franchises are a few tonnes). */
    public static final double QUANTITY_MIN_KG = 0.001;

    public static final double QUANTITY_MAX_KG = 100_000;
    /** From a shake flask to beyond the largest stainless-steel bioreactors in service (about 25,000 L). */
    public static final double LITRES_MIN = 0.1;

    public static final double LITRES_MAX = 50_000;
    public static final int RADIUS_MAX_KM = 2_000;
    public static final int SIZING_MAX = 2_000;

    /** A broken rule: the form field and the message key. */
    public record Problem(String field, String messageKey) {}

    private BriefRules() {}

    /** The rules {@code content} breaks, today being the date of {@code clock}; empty when it may be saved. */
    public static List<Problem> check(BriefContent content, Clock clock) {
        List<Problem> problems = new ArrayList<>();
        String title = content.title() == null ? "" : content.title().strip();
        if (title.length() < TITLE_MIN || title.length() > TITLE_MAX) {
            problems.add(new Problem("title", "brief.error.title"));
        }
        if (content.modality() == null) {
            problems.add(new Problem("modality", "brief.error.modality"));
        }
        if (content.annualQuantityKg() != null
                && !(content.annualQuantityKg() >= QUANTITY_MIN_KG && content.annualQuantityKg() <= QUANTITY_MAX_KG)) {
            problems.add(new Problem("annualQuantityKg", "brief.error.quantity"));
        }
        if (content.litresPerBatch() != null
                && !(content.litresPerBatch() >= LITRES_MIN && content.litresPerBatch() <= LITRES_MAX)) {
            problems.add(new Problem("litresPerBatch", "brief.error.litres"));
        }
        if (content.sizing() != null && content.sizing().length() > SIZING_MAX) {
            problems.add(new Problem("sizing", "brief.error.sizing"));
        }
        LocalDate today = LocalDate.now(clock);
        BriefContent.Quarter current = new BriefContent.Quarter(today.getYear(), (today.getMonthValue() + 2) / 3);
        if (content.startFrom() != null && content.startFrom().compareTo(current) < 0) {
            problems.add(new Problem("startFrom", "brief.error.startPast"));
        }
        if (content.startFrom() != null
                && content.startTo() != null
                && content.startTo().compareTo(content.startFrom()) < 0) {
            problems.add(new Problem("startTo", "brief.error.startOrder"));
        }
        if (content.technologies().stream().anyMatch(content.preferredTechnologies()::contains)) {
            problems.add(new Problem("preferredTechnologies", "brief.error.technologyTwice"));
        }
        if (content.region() == BriefContent.Region.NEAR) {
            if (content.place() == null) {
                problems.add(new Problem("place", "brief.error.place"));
            }
            if (content.radiusKm() == null || content.radiusKm() < 1 || content.radiusKm() > RADIUS_MAX_KM) {
                problems.add(new Problem("radiusKm", "brief.error.radius"));
            }
        }
        return problems;
    }
}
