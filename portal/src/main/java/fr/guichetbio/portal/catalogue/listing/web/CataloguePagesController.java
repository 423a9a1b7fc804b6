package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.listing.PublicDocuments;
import fr.guichetbio.portal.catalogue.listing.web.PublicCatalogue.Option;
import fr.guichetbio.portal.catalogue.listing.web.PublicCatalogue.Quarter;
import fr.guichetbio.portal.catalogue.listing.web.PublicCatalogue.SiteDetail;
import fr.guichetbio.portal.catalogue.listing.web.PublicCatalogue.SiteSummary;
import fr.guichetbio.portal.catalogue.listing.web.PublicCatalogue.SlotLine;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.web.JsonLd;
import fr.guichetbio.portal.web.PublicUrls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The public catalogue pages: a site, the browse page with its filters, and the sitemap. */
@Controller
class CataloguePagesController {

    /** GMP evidence issued longer ago than this is shown as stale. */
    static final int STALE_AFTER_YEARS = 3;

    static final List<String> STATIC_PAGES = List.of(
            "/",
            "/catalogue",
            "/catalogue/parcourir",
            TechnologyAdoptionController.PATH,
            "/mise-en-relation",
            "/mise-en-relation/dimensionnement",
            "/formation",
            "/tableaux-de-bord",
            "/accessibilite",
            "/mentions-legales",
            "/donnees-personnelles");

    private final PublicCatalogue catalogue;
    private final JsonMapper json;
    private final Clock clock;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final PublicDocuments documents;
    private final PublicUrls urls;

    CataloguePagesController(
            PublicCatalogue catalogue,
            JsonMapper json,
            Organisations organisations,
            OrganisationAccess access,
            PublicDocuments documents,
            PublicUrls urls) {
        this.urls = urls;
        this.catalogue = catalogue;
        this.documents = documents;
        this.json = json;
        this.organisations = organisations;
        this.access = access;
        this.clock = Clock.system(ZoneId.of("Europe/Paris"));
    }

    @GetMapping("/sites/{key}")
    String site(@PathVariable String key, @AuthenticationPrincipal PortalUser user, Model model) {
        LocalDate today = LocalDate.now(clock);
        SiteDetail site =
                catalogue.site(key, today).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String canonical = urls.of("/sites/" + site.key());
        model.addAttribute("site", site);
        model.addAttribute("staleBefore", today.minusYears(STALE_AFTER_YEARS));
        model.addAttribute("quarters", quarters(site.slots(), today));
        model.addAttribute("canonicalUrl", canonical);
        model.addAttribute("jsonLd", jsonLd(site, canonical));
        // Members (and moderators) get a way from the public page to the editor.
        model.addAttribute(
                "canEdit",
                user != null
                        && organisations
                                .findBySlug(site.organisationSlug())
                                .map(o -> access.canEdit(user, o.id()))
                                .orElse(false));
        return "catalogue/site";
    }

    @GetMapping("/catalogue/parcourir")
    String browse(
            @RequestParam(name = "modalite", required = false) String modality,
            @RequestParam(name = "region", required = false) String region,
            @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        String m = Arrays.stream(Vocabulary.Modality.values())
                .map(Enum::name)
                .filter(code -> code.equals(modality))
                .findFirst()
                .orElse(null);
        String r = Vocabulary.Region.ofCode(region).map(Vocabulary.Region::code).orElse(null);
        int p = Math.max(0, Math.min(page, 10_000));
        List<SiteSummary> sites = new ArrayList<>(catalogue.browse(m, r, p));
        boolean hasNext = sites.size() > PublicCatalogue.PAGE_SIZE;
        if (hasNext) {
            sites.removeLast();
        }
        Map<String, Integer> modalityCounts = catalogue.modalityCounts(r);
        Map<String, Integer> regionCounts = catalogue.regionCounts(m);
        model.addAttribute(
                "modalityOptions",
                Arrays.stream(Vocabulary.Modality.values())
                        .map(v -> new Option(v.code(), v.messageKey(), modalityCounts.getOrDefault(v.code(), 0)))
                        .toList());
        model.addAttribute(
                "regionOptions",
                Arrays.stream(Vocabulary.Region.values())
                        .map(v -> new Option(v.code(), v.messageKey(), regionCounts.getOrDefault(v.code(), 0)))
                        .toList());
        model.addAttribute("modality", m);
        model.addAttribute("region", r);
        model.addAttribute("sites", sites);
        model.addAttribute("page", p);
        model.addAttribute("previousUrl", p > 0 ? browseUrl(m, r, p - 1) : null);
        model.addAttribute("nextUrl", hasNext ? browseUrl(m, r, p + 1) : null);
        return "catalogue/browse";
    }

    /** The sitemap, with {@code ETag} and {@code Last-Modified}, built once per catalogue state and base URL. */
    @GetMapping(value = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> sitemap(ServletWebRequest conditional) {
        String base = urls.base();
        return documents
                .conditional(
                        conditional, "sitemap.xml " + base, () -> sitemap(base).getBytes(StandardCharsets.UTF_8))
                .map(body -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_XML)
                        .body(body))
                // 304: the response is complete (status and validators).
                .orElse(null);
    }

    private String sitemap(String base) {
        List<String> paths = new ArrayList<>(STATIC_PAGES);
        catalogue.activeOrganisationSlugs().forEach(slug -> paths.add("/organisations/" + slug));
        catalogue.publicSiteKeys().forEach(key -> paths.add("/sites/" + key));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String path : paths) {
            xml.append("  <url><loc>").append(HtmlUtils.htmlEscape(base + path)).append("</loc></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    private static String browseUrl(String modality, String region, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/catalogue/parcourir");
        if (modality != null) {
            url.queryParam("modalite", modality);
        }
        if (region != null) {
            url.queryParam("region", region);
        }
        return url.queryParam("page", page).build().encode().toUriString();
    }

    /** Quarters from the current one to the last slot's end, each with the slots that overlap it. */
    static List<Quarter> quarters(List<SlotLine> slots, LocalDate today) {
        TreeMap<Integer, List<SlotLine>> byQuarter = new TreeMap<>();
        for (SlotLine slot : slots) {
            LocalDate from = slot.from().isBefore(today) ? today : slot.from();
            int first = index(from);
            int last = Math.min(index(slot.to()), first + 40);
            for (int q = first; q <= last; q++) {
                byQuarter.computeIfAbsent(q, k -> new ArrayList<>()).add(slot);
            }
        }
        List<Quarter> quarters = new ArrayList<>();
        byQuarter.forEach((q, list) -> quarters.add(new Quarter(q / 4, q % 4 + 1, list)));
        return quarters;
    }

    private static int index(LocalDate date) {
        return date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
    }

    /** Schema.org data of the site, safe inside its script element ({@link JsonLd}). */
    private String jsonLd(SiteDetail site, String canonical) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("@type", "PostalAddress");
        if (site.street() != null) {
            address.put("streetAddress", site.street());
        }
        address.put("postalCode", site.postalCode());
        address.put("addressLocality", site.city());
        address.put("addressCountry", site.country());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "Organization");
        data.put("@id", canonical);
        data.put("name", site.name());
        data.put("url", canonical);
        data.put("address", address);
        data.put(
                "parentOrganization",
                Map.of(
                        "@type",
                        "Organization",
                        "name",
                        site.organisationName(),
                        "url",
                        urls.of("/organisations/" + site.organisationSlug())));
        return JsonLd.inScript(json.writeValueAsString(data));
    }
}
