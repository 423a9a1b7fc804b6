package fr.guichetbio.portal.account;

import fr.guichetbio.portal.identity.AccountRefusedException;
import fr.guichetbio.portal.identity.Accounts;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PersonSummary;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's account pages (the security configuration requires a signed-in person on /compte/**). */
@Controller
class AccountController {

    static final int DISPLAY_NAME_MAX = 120;

    private final People people;
    private final Accounts accounts;
    private final AccountLifecycle lifecycle;
    private final Organisations organisations;
    private final LocaleResolver localeResolver;

    AccountController(
            People people,
            Accounts accounts,
            AccountLifecycle lifecycle,
            Organisations organisations,
            LocaleResolver localeResolver) {
        this.people = people;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.organisations = organisations;
        this.localeResolver = localeResolver;
    }

    /** The profile form; the person is always the signed-in one, never taken from the form. */
    record ProfileForm(String displayName, String language) {

        ProfileForm {
            displayName = displayName == null ? "" : displayName.strip();
            language = language == null ? "" : language.strip();
        }

        /** Field name → message key of the error, empty when valid. */
        Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (displayName.isEmpty()) {
                errors.put("displayName", "account.profile.displayName.required");
            } else if (displayName.length() > DISPLAY_NAME_MAX) {
                errors.put("displayName", "account.profile.displayName.tooLong");
            }
            if (!language.equals("fr") && !language.equals("en")) {
                errors.put("language", "account.profile.language.invalid");
            }
            return errors;
        }
    }

    /** @param confirm the "I understand" checkbox, required */
    record DeletionForm(Boolean confirm) {}

    @GetMapping("/compte")
    String profile(@AuthenticationPrincipal PortalUser user, Locale locale, Model model) {
        PersonSummary person = person(user);
        String language = person.language() != null ? person.language() : locale.getLanguage();
        String name = person.displayName() != null ? person.displayName() : user.displayName();
        return page(user, person, new ProfileForm(name, language), Map.of(), model);
    }

    @PostMapping("/compte")
    String updateProfile(
            @AuthenticationPrincipal PortalUser user,
            ProfileForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(user, person(user), form, errors, model);
        }
        accounts.updateProfile(user, form.displayName(), form.language());
        localeResolver.setLocale(request, response, Locale.forLanguageTag(form.language()));
        redirect.addFlashAttribute("flashSuccess", "account.profile.saved");
        return "redirect:/compte";
    }

    @GetMapping("/compte/donnees")
    ResponseEntity<Map<String, Object>> export(@AuthenticationPrincipal PortalUser user) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("guichet-bioproduction-donnees-personnelles.json")
                                .build()
                                .toString())
                .body(lifecycle.export(user));
    }

    @PostMapping("/compte/suppression")
    String delete(
            @AuthenticationPrincipal PortalUser user,
            DeletionForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (form.confirm() == null || !form.confirm()) {
            redirect.addFlashAttribute("flashError", "account.delete.error.confirm");
            return "redirect:/compte";
        }
        try {
            lifecycle.delete(user);
        } catch (AccountRefusedException refused) {
            redirect.addFlashAttribute("flashError", refused.messageKey());
            redirect.addFlashAttribute("flashArguments", refused.arguments());
            return "redirect:/compte";
        }
        new SecurityContextLogoutHandler()
                .logout(request, response, SecurityContextHolder.getContext().getAuthentication());
        return "redirect:/?accountDeleted";
    }

    private PersonSummary person(PortalUser user) {
        return people.find(user.personId())
                .filter(person -> !person.deleted())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String page(
            PortalUser user, PersonSummary person, ProfileForm form, Map<String, String> errors, Model model) {
        model.addAttribute("person", person);
        model.addAttribute("roles", user.roles().stream().sorted().toList());
        model.addAttribute("organisations", organisations.ofPerson(user.personId()));
        model.addAttribute("profile", form);
        model.addAttribute("errors", errors);
        model.addAttribute("displayNameMax", DISPLAY_NAME_MAX);
        return "account/profile";
    }
}
