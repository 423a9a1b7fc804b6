package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.matchmaking.alert.AlertDigests;
import fr.guichetbio.portal.matchmaking.alert.SavedSearchInvalid;
import fr.guichetbio.portal.matchmaking.alert.SavedSearchService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's saved searches ({@code /compte/recherches}): the list with a link re-running each and a
 * delete button, the new sites the latest digests told of, and the save form the search page posts (a refused save
 * comes back here with its field messages). Only the person's own searches are reachable; another's id is a 404.
 * Platform administrators may run the digest at once ({@code /admin/alertes/envoi}).
 */
@Controller
class SavedSearchController {

    static final String PATH = "/compte/recherches";

    private final SavedSearchService savedSearches;
    private final AlertDigests digests;

    SavedSearchController(SavedSearchService savedSearches, AlertDigests digests) {
        this.savedSearches = savedSearches;
        this.digests = digests;
    }

    @GetMapping(PATH)
    String list(@AuthenticationPrincipal PortalUser user, Model model) {
        return page(user, model, Map.of(), "", "");
    }

    @PostMapping(PATH)
    String save(
            @AuthenticationPrincipal PortalUser user,
            @RequestParam(name = "nom", defaultValue = "") String name,
            @RequestParam(name = "recherche", required = false) String search,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            savedSearches.save(user.personId(), name, search);
        } catch (SavedSearchInvalid e) {
            response.setStatus(422);
            return page(user, model, e.problems(), name, search);
        }
        redirect.addFlashAttribute("flashSuccess", "alert.search.flash.saved");
        redirect.addFlashAttribute("flashArguments", new Object[] {name.strip()});
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/{searchId}/suppression")
    String delete(@AuthenticationPrincipal PortalUser user, @PathVariable long searchId, RedirectAttributes redirect) {
        savedSearches.delete(user.personId(), searchId);
        redirect.addFlashAttribute("flashSuccess", "alert.search.flash.deleted");
        return "redirect:" + PATH;
    }

    @PostMapping("/admin/alertes/envoi")
    String runDigest(RedirectAttributes redirect) {
        AlertDigests.Run run = digests.runNow();
        redirect.addFlashAttribute(
                "flashSuccess", run.searchUnavailable() ? "alert.digest.flash.unavailable" : "alert.digest.flash.run");
        redirect.addFlashAttribute("flashArguments", new Object[] {run.searchesChecked() + run.briefsChecked()});
        return "redirect:/admin/index";
    }

    private String page(PortalUser user, Model model, Map<String, String> errors, String name, String search) {
        model.addAttribute("searches", savedSearches.of(user.personId()));
        model.addAttribute("items", savedSearches.recentItems(user.personId()));
        model.addAttribute("limit", savedSearches.limit());
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        model.addAttribute("search", search);
        return "matchmaking/saved-searches";
    }
}
