package fr.guichetbio.portal.organisation.web;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Invitations;
import fr.guichetbio.portal.organisation.Invitations.Acceptance;
import fr.guichetbio.portal.organisation.Invitations.InvitationRefusal;
import fr.guichetbio.portal.organisation.Invitations.InvitationStatus;
import fr.guichetbio.portal.organisation.Invitations.InvitationView;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The invitation link: shows whom it invites where, and accepts it once. */
@Controller
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invitations/{token}")
    String show(
            @PathVariable String token,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response) {
        Optional<InvitationView> invitation = invitations.invitation(token);
        InvitationStatus status = invitation.map(InvitationView::status).orElse(InvitationStatus.UNKNOWN);
        if (status != InvitationStatus.PENDING) {
            return unavailable(status, model, response);
        }
        model.addAttribute("invitation", invitation.get());
        model.addAttribute("token", token);
        // Tell the person before they click that, from this account, an organisation admin will have to confirm.
        model.addAttribute("addressedToUser", invitations.isAddressedTo(user, token));
        return "organisations/invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(
            @PathVariable String token,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            Acceptance acceptance = invitations.accept(user, token);
            if (acceptance.awaitingConfirmation()) {
                // 202: recorded, not done; the page says who decides.
                response.setStatus(HttpStatus.ACCEPTED.value());
                model.addAttribute("invitation", acceptance.invitation());
                return "organisations/invitation-requested";
            }
            redirect.addFlashAttribute("flashSuccess", "invitation.flash.accepted");
            return "redirect:/organisations/" + acceptance.invitation().organisationSlug();
        } catch (InvitationRefusal refusal) {
            return unavailable(refusal.status(), model, response);
        }
    }

    private static String unavailable(InvitationStatus status, Model model, HttpServletResponse response) {
        response.setStatus(
                switch (status) {
                    case UNKNOWN -> HttpStatus.NOT_FOUND.value();
                    case ALREADY_MEMBER, REQUESTED -> HttpStatus.CONFLICT.value();
                    default -> HttpStatus.GONE.value();
                });
        model.addAttribute("status", status);
        return "organisations/invitation-unavailable";
    }
}
