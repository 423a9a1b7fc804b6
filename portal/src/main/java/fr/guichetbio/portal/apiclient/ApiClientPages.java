package fr.guichetbio.portal.apiclient;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organisation's API clients, for its admins: list (with who registered each), register (the secret is shown once,
 * on the answer to the POST, never stored nor put in the session) and revoke. Every request checks that the person
 * manages the organisation named in the URL, and the client must belong to it; only its admins register.
 */
@Controller
class ApiClientPages {

    static final int NAME_MAX = 100;

    /** Dates on the page are French local time. */
    static final ZoneId PAGE_ZONE = ZoneId.of("Europe/Paris");

    private final OrganisationAccess access;
    private final ApiClientRegistrations registrations;
    private final ApiProperties properties;

    ApiClientPages(OrganisationAccess access, ApiClientRegistrations registrations, ApiProperties properties) {
        this.access = access;
        this.registrations = registrations;
        this.properties = properties;
    }

    @GetMapping("/organisations/{slug}/api")
    String list(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.manageable(slug, user);
        return page(organisation, user, model, "", List.of(), List.of());
    }

    @PostMapping("/organisations/{slug}/api")
    String register(
            @PathVariable String slug,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "scopes", required = false) List<String> scopeValues,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response) {
        Organisation organisation = access.manageable(slug, user);
        // Who may register is decided before the form is read: a refused person learns nothing from validation.
        registrations.requireRegister(user, organisation.id());
        List<String> errors = new ArrayList<>();
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            errors.add("name.required");
        } else if (stripped.length() > NAME_MAX) {
            errors.add("name.tooLong");
        }
        List<ApiScope> scopes = new ArrayList<>();
        for (String value : scopeValues == null ? List.<String>of() : scopeValues) {
            ApiScope scope = ApiScope.fromValue(value).orElse(null);
            if (scope == null) {
                errors.add("scopes.unknown");
            } else if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty() && !errors.contains("scopes.unknown")) {
            errors.add("scopes.required");
        }
        List<String> chosen = scopes.stream().map(ApiScope::value).toList();
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(organisation, user, model, name, chosen, errors);
        }
        ApiClientRegistrations.Registered registered =
                registrations.register(user, organisation.id(), stripped, scopes);
        // The secret is in this answer only: no caching anywhere, no redirect that would need it in the session.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("created", registered.client());
        model.addAttribute("createdSecret", registered.secret());
        return page(organisation, user, model, "", List.of(), List.of());
    }

    @PostMapping("/organisations/{slug}/api/{clientId}/revoquer")
    String revoke(
            @PathVariable String slug,
            @PathVariable String clientId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.manageable(slug, user);
        registrations.revoke(user, organisation.id(), clientId);
        redirect.addFlashAttribute("revokedClientId", clientId);
        return "redirect:/organisations/" + organisation.slug() + "/api";
    }

    private String page(
            Organisation organisation,
            PortalUser user,
            Model model,
            String name,
            List<String> chosenScopes,
            List<String> errors) {
        model.addAttribute("organisation", organisation);
        List<ApiClient> clients = registrations.list(user, organisation.id());
        model.addAttribute("clients", clients);
        model.addAttribute("creators", registrations.creatorNames(clients));
        model.addAttribute("mayRegister", registrations.mayRegister(user, organisation.id()));
        model.addAttribute("allScopes", ApiScope.values());
        model.addAttribute("formName", name);
        model.addAttribute("formScopes", chosenScopes);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", PAGE_ZONE);
        model.addAttribute("tokenUrl", properties.issuer() + TokenEndpoint.TOKEN_PATH);
        return "apiclients/list";
    }
}
