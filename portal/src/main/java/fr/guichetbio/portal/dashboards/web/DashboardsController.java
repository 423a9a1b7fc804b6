package fr.guichetbio.portal.dashboards.web;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.dashboards.DashboardFilters;
import fr.guichetbio.portal.dashboards.Dashboards;
import fr.guichetbio.portal.dashboards.Dashboards.Section;
import fr.guichetbio.portal.dashboards.FigureTable;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.web.CsvCells;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards: capacity for everyone at {@code /tableaux-de-bord}, demand and skills for agency analysts and
 * platform administrators (the security configuration guards their paths). Filters are GET parameters, so a
 * filtered view is a link; each figure downloads as CSV or JSON with the same filters ({@code ?tableau=…}).
 */
@Controller
class DashboardsController {

    static final String PATH = "/tableaux-de-bord";

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final Dashboards dashboards;
    private final JsonMapper json;

    DashboardsController(Dashboards dashboards, JsonMapper json) {
        this.dashboards = dashboards;
        this.json = json;
    }

    @GetMapping(PATH)
    String capacity(HttpServletRequest request, @AuthenticationPrincipal PortalUser user, Locale locale, Model model) {
        return page(Section.CAPACITY, filters(request), user, locale, model);
    }

    @GetMapping(PATH + "/demande")
    String demand(HttpServletRequest request, @AuthenticationPrincipal PortalUser user, Locale locale, Model model) {
        return page(Section.DEMAND, filters(request), user, locale, model);
    }

    @GetMapping(PATH + "/competences")
    String skills(HttpServletRequest request, @AuthenticationPrincipal PortalUser user, Locale locale, Model model) {
        return page(Section.SKILLS, filters(request), user, locale, model);
    }

    @GetMapping({PATH + "/capacite.csv", PATH + "/demande.csv", PATH + "/competences.csv"})
    ResponseEntity<byte[]> csv(
            @RequestParam(name = "tableau", required = false) String table, HttpServletRequest request, Locale locale) {
        FigureTable figure = figure(request, table, filters(request), locale);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = CSVFormat.RFC4180
                .builder()
                .setHeader(
                        figure.columns().stream().map(FigureTable.Column::label).toArray(String[]::new))
                .get()
                .print(out)) {
            for (List<Object> row : figure.rows()) {
                csv.printRecord(row.stream()
                        .map(v -> v instanceof String s ? CsvCells.text(s) : v)
                        .toList());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return download(figure, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8), out.toString());
    }

    @GetMapping({PATH + "/capacite.json", PATH + "/demande.json", PATH + "/competences.json"})
    ResponseEntity<byte[]> json(
            @RequestParam(name = "tableau", required = false) String table, HttpServletRequest request, Locale locale) {
        DashboardFilters filters = filters(request);
        FigureTable figure = figure(request, table, filters, locale);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> row : figure.rows()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                object.put(figure.columns().get(i).key(), row.get(i));
            }
            rows.add(object);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", figure.id());
        body.put("caption", figure.caption());
        body.put("filters", filters.parameters());
        body.put("columns", figure.columns());
        body.put("rows", rows);
        return download(figure, "json", MediaType.APPLICATION_JSON, json.writeValueAsString(body));
    }

    /** The filters every dashboard URL may carry ({@code region}, {@code modalite}, {@code periode}), read once here. */
    private static DashboardFilters filters(HttpServletRequest request) {
        return DashboardFilters.of(
                request.getParameter("region"), request.getParameter("modalite"), request.getParameter("periode"));
    }

    private String page(Section section, DashboardFilters filters, PortalUser user, Locale locale, Model model) {
        model.addAttribute("section", section);
        model.addAttribute("filters", filters);
        Dashboards.Figures figures = dashboards.figures(section, filters, locale);
        model.addAttribute("figures", figures.tables());
        model.addAttribute("computedAt", figures.computedAt().atZone(FRANCE));
        model.addAttribute("fromReplica", dashboards.readFromReplica());
        model.addAttribute("analyst", analyst(user));
        model.addAttribute("modalityOptions", DashboardFilters.modalityOptions());
        model.addAttribute("periods", DashboardFilters.PERIODS);
        model.addAttribute(
                "regions",
                java.util.Arrays.stream(Vocabulary.Region.values())
                        .map(Vocabulary.Region::code)
                        .toList());
        return "dashboards/dashboard";
    }

    /** The figure {@code table} of the section the download path names (its first figure when none is named). */
    private FigureTable figure(HttpServletRequest request, String table, DashboardFilters filters, Locale locale) {
        String path = request.getRequestURI();
        String name = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
        Section section = java.util.Arrays.stream(Section.values())
                .filter(s -> s.path().equals(name))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String id =
                table == null || table.isBlank() ? dashboards.figureIds(section).getFirst() : table;
        return dashboards
                .figure(section, id, filters, locale)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such table: " + table));
    }

    private static ResponseEntity<byte[]> download(FigureTable figure, String extension, MediaType type, String body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + figure.id() + "." + extension + "\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static boolean analyst(PortalUser user) {
        return user != null && (user.isAdmin() || user.hasRole(PlatformRole.AGENCY_ANALYST));
    }
}
