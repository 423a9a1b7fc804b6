package fr.guichetbio.portal.identity;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Exposes the signed-in person to every page (the layout's header), {@code null} when anonymous. */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    PortalUser currentUser(@AuthenticationPrincipal Object principal) {
        return principal instanceof PortalUser user ? user : null;
    }
}
