package fr.guichetbio.portal.identity;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Exposes the signed-in person to every page (the layout's header), {@code null} when anonymous. */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    CurrentUser currentUser(@AuthenticationPrincipal OidcUser user) {
        return user == null ? null : CurrentUser.of(user);
    }

    /** What the pages show of the signed-in person. */
    record CurrentUser(String displayName) {

        static CurrentUser of(OidcUser user) {
            String name = firstNonBlank(user.getFullName(), user.getPreferredUsername(), user.getEmail());
            return new CurrentUser(name != null ? name : user.getSubject());
        }

        private static String firstNonBlank(String... values) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return null;
        }
    }
}
