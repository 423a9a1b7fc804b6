package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where "write a brief" starts when the organisation is not known yet (the matchmaking page, a sizing result): the
 * signed-in person's organisation, or the choice among theirs; the prefill parameters follow.
 */
@Controller
class BriefStartController {

    static final String PATH = "/mise-en-relation/cahier-des-charges";

    private final Organisations organisations;

    BriefStartController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping(PATH)
    String start(
            @AuthenticationPrincipal PortalUser user,
            @RequestParam(name = "modalite", required = false) String modality,
            @RequestParam(name = "quantite", required = false) String annualQuantityKg,
            @RequestParam(name = "litres", required = false) String litresPerBatch,
            @RequestParam(name = "dimensionnement", required = false) String sizing,
            Model model,
            RedirectAttributes redirect) {
        List<Organisation> mine = organisations.ofPerson(user.personId());
        if (mine.size() == 1) {
            // Spring encodes the attributes once into the query string.
            redirect.addAttribute("slug", mine.getFirst().slug());
            Map.of(
                            "modalite",
                            nullToEmpty(modality),
                            "quantite",
                            nullToEmpty(annualQuantityKg),
                            "litres",
                            nullToEmpty(litresPerBatch),
                            "dimensionnement",
                            nullToEmpty(sizing))
                    .forEach((name, value) -> {
                        if (!value.isBlank()) {
                            redirect.addAttribute(name, value.strip());
                        }
                    });
            return "redirect:/organisations/{slug}/cahiers-des-charges/nouveau";
        }
        model.addAttribute("organisations", mine);
        model.addAttribute("prefill", prefill(modality, annualQuantityKg, litresPerBatch, sizing));
        return "matchmaking/brief-start";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The query string the new-brief form reads ({@code ?modalite=…}, each value encoded whole), or empty. */
    static String prefill(String modality, String annualQuantityKg, String litresPerBatch, String sizing) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "modalite", modality);
        add(query, "quantite", annualQuantityKg);
        add(query, "litres", litresPerBatch);
        add(query, "dimensionnement", sizing);
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }
}
