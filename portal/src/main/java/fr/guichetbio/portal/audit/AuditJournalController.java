package fr.guichetbio.portal.audit;

import fr.guichetbio.portal.audit.AuditTrail.AuditEntry;
import fr.guichetbio.portal.audit.AuditTrail.AuditQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit journal for platform admins ({@code /admin/journal}, ADMIN only by the security configuration): entries
 * newest first, filtered by the GET form's parameters, which stay in the URL.
 */
@Controller
class AuditJournalController {

    static final int PAGE_SIZE = 50;

    /** Dates in the form are French calendar days. */
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final AuditTrail trail;
    private final JsonMapper json;

    AuditJournalController(AuditTrail trail, JsonMapper json) {
        this.trail = trail;
        this.json = json;
    }

    /**
     * The journal's filters, all optional.
     *
     * @param from first day included
     * @param to last day included
     */
    record JournalFilter(
            Long organisation,
            Long actor,
            String action,
            String targetType,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Integer page) {

        int pageNumber() {
            return page == null ? 0 : Math.max(0, page);
        }

        AuditQuery query() {
            Instant start = from == null ? null : from.atStartOfDay(ZONE).toInstant();
            Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant();
            return new AuditQuery(
                    organisation,
                    actor,
                    blankToNull(action),
                    blankToNull(targetType),
                    start,
                    end,
                    pageNumber(),
                    PAGE_SIZE);
        }

        /** This filter's URL at another page. */
        String url(int otherPage) {
            return UriComponentsBuilder.fromPath("/admin/journal")
                    .queryParamIfPresent("organisation", java.util.Optional.ofNullable(organisation))
                    .queryParamIfPresent("actor", java.util.Optional.ofNullable(actor))
                    .queryParamIfPresent("action", java.util.Optional.ofNullable(blankToNull(action)))
                    .queryParamIfPresent("targetType", java.util.Optional.ofNullable(blankToNull(targetType)))
                    .queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                    .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
                    .queryParam("page", otherPage)
                    .build()
                    .encode()
                    .toUriString();
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }

    /** An entry as the table shows it: states pretty-printed. */
    record JournalRow(AuditEntry entry, ZonedDateTime occurredAt, String before, String after) {}

    @GetMapping("/admin/journal")
    String journal(JournalFilter filter, Model model) {
        AuditTrail.AuditPage found = trail.findPage(filter.query());
        boolean hasNext = found.hasNext();
        List<JournalRow> rows = found.entries().stream()
                .map(entry -> new JournalRow(
                        entry, entry.occurredAt().atZone(ZONE), pretty(entry.before()), pretty(entry.after())))
                .toList();
        model.addAttribute("filter", filter);
        model.addAttribute("rows", rows);
        model.addAttribute("page", filter.pageNumber());
        model.addAttribute("previousUrl", filter.pageNumber() > 0 ? filter.url(filter.pageNumber() - 1) : null);
        model.addAttribute("nextUrl", hasNext ? filter.url(filter.pageNumber() + 1) : null);
        return "admin/audit/journal";
    }

    private String pretty(String state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(state));
        } catch (JacksonException e) {
            return state;
        }
    }
}
