package fr.guichetbio.portal.identity;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Platform admins' people pages ({@code /admin/utilisateurs}, ADMIN only by the security configuration): search,
 * detail, grant and revoke platform roles, suspend and reactivate.
 */
@Controller
class AdminUsersController {

    /** Roles an admin may grant: TRAINEE is implied for everyone. */
    static final List<PlatformRole> GRANTABLE = Arrays.stream(PlatformRole.values())
            .filter(role -> role != PlatformRole.TRAINEE)
            .toList();

    private static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");

    private final People people;

    private final PersonAdministration administration;

    AdminUsersController(People people, PersonAdministration administration) {
        this.people = people;
        this.administration = administration;
    }

    @GetMapping("/admin/utilisateurs")
    String search(
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        int current = Math.max(0, page);
        String text = query == null ? "" : query.strip();
        List<PersonSummary> found = people.search(text, current);
        model.addAttribute("query", text);
        model.addAttribute("people", found);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", found.size() == People.PAGE_SIZE);
        return "admin/users/list";
    }

    @GetMapping("/admin/utilisateurs/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal PortalUser admin, Model model) {
        PersonSummary person = people.find(id)
                .filter(found -> !found.deleted())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("person", person);
        model.addAttribute("grantable", GRANTABLE);
        model.addAttribute("self", admin != null && admin.personId() == id);
        model.addAttribute("reasonMax", PersonAdministration.REASON_MAX);
        model.addAttribute(
                "suspendedAt",
                person.suspendedAt() == null ? null : person.suspendedAt().atZone(PARIS));
        return "admin/users/detail";
    }

    /** A role to grant or revoke; the person is the one in the URL, the actor the signed-in admin. */
    record RoleForm(PlatformRole role) {}

    /** @param reason why the person is suspended, shown to admins */
    record SuspensionForm(String reason) {}

    @PostMapping("/admin/utilisateurs/{id}/roles/attribuer")
    String grant(
            @PathVariable long id,
            RoleForm form,
            @AuthenticationPrincipal PortalUser admin,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            requireRole(form);
            administration.grant(admin, id, form.role());
            return "admin.users.flash.granted";
        });
    }

    @PostMapping("/admin/utilisateurs/{id}/roles/retirer")
    String revoke(
            @PathVariable long id,
            RoleForm form,
            @AuthenticationPrincipal PortalUser admin,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            requireRole(form);
            administration.revoke(admin, id, form.role());
            return "admin.users.flash.revoked";
        });
    }

    @PostMapping("/admin/utilisateurs/{id}/suspension")
    String suspend(
            @PathVariable long id,
            SuspensionForm form,
            @AuthenticationPrincipal PortalUser admin,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            administration.suspend(admin, id, form.reason());
            return "admin.users.flash.suspended";
        });
    }

    @PostMapping("/admin/utilisateurs/{id}/reactivation")
    String unsuspend(@PathVariable long id, @AuthenticationPrincipal PortalUser admin, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            administration.unsuspend(admin, id);
            return "admin.users.flash.unsuspended";
        });
    }

    private static void requireRole(RoleForm form) {
        if (form.role() == null || form.role() == PlatformRole.TRAINEE) {
            throw new AccountRefusedException("admin.users.error.role");
        }
    }

    private static String act(long id, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("flashSuccess", action.get());
        } catch (AccountRefusedException refused) {
            redirect.addFlashAttribute("flashError", refused.messageKey());
        }
        return "redirect:/admin/utilisateurs/" + id;
    }
}
