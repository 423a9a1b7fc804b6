package fr.guichetbio.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The home page, the placeholders of the features to come and the legal pages. */
@Controller
class PageController {

    @GetMapping("/")
    String home() {
        return "pages/home";
    }

    @GetMapping("/catalogue")
    String catalogue(@RequestParam(name = "q", required = false) String query, Model model) {
        model.addAttribute("query", query == null ? "" : query.strip());
        return "pages/catalogue";
    }

    @GetMapping("/accessibilite")
    String accessibility() {
        return "pages/accessibility";
    }

    @GetMapping("/mentions-legales")
    String legalNotice() {
        return "pages/legal-notice";
    }

    @GetMapping("/donnees-personnelles")
    String privacy() {
        return "pages/privacy";
    }
}
