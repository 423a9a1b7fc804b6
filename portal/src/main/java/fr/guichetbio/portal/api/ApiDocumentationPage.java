package fr.guichetbio.portal.api;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /documentation-api}: the DSFR page around the API's description — what each part offers and needs, how a
 * machine client gets a token, and links to the generated document and the interactive console.
 */
@Controller
class ApiDocumentationPage {

    static final String PATH = "/documentation-api";

    @GetMapping(PATH)
    String page(Model model) {
        model.addAttribute(
                "tokenUrl",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/oauth/token")
                        .toUriString());
        return "api/documentation";
    }
}
