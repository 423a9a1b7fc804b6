package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Technologies de production": how far the seed's levers have spread in the catalogue, as tables (each row links to
 * its search) and as CSV, in the reader's language.
 */
@Controller
class TechnologyAdoptionController {

    static final String PATH = "/technologies-de-production";

    private final TechnologyAdoption adoption;
    private final MessageSource messages;

    TechnologyAdoptionController(TechnologyAdoption adoption, MessageSource messages) {
        this.adoption = adoption;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String page(Model model, Locale locale) {
        model.addAttribute("picture", adoption.picture());
        model.addAttribute("metaDescription", label("technologies.meta", locale));
        return "catalogue/technologies";
    }

    /** The same figures, one row per technology and region or modality, labels in the reader's language. */
    @GetMapping(PATH + ".csv")
    ResponseEntity<byte[]> csv(Locale locale) {
        StringWriter csv = new StringWriter();
        try (CSVPrinter out = CSVFormat.RFC4180
                .builder()
                .setHeader("technology", "technology_label", "breakdown", "code", "label", "sites", "organisations")
                .get()
                .print(csv)) {
            for (TechnologyAdoption.Adoption a : adoption.picture().technologies()) {
                String technology =
                        label(Vocabulary.messageKey("technology", a.technology().name()), locale);
                out.printRecord(a.technology().name(), technology, "total", null, null, a.sites(), a.organisations());
                rows(out, a, technology, "region", a.byRegion(), locale);
                rows(out, a, technology, "modality", a.byModality(), locale);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"technologies-de-production.csv\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One row per region or modality of a technology ({@code breakdown} is also the vocabulary facet). */
    private void rows(
            CSVPrinter out,
            TechnologyAdoption.Adoption adoption,
            String technology,
            String breakdown,
            java.util.List<TechnologyAdoption.Count> counts,
            Locale locale)
            throws IOException {
        for (TechnologyAdoption.Count c : counts) {
            out.printRecord(
                    adoption.technology().name(),
                    technology,
                    breakdown,
                    c.code(),
                    label(Vocabulary.messageKey(breakdown, c.code()), locale),
                    c.sites(),
                    c.organisations());
        }
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
