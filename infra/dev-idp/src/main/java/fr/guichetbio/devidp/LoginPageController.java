package fr.guichetbio.devidp;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: self-contained HTML, no external resource and no script. Its element ids are relied upon by the
 * browser tests: {@code username}, {@code password}, {@code sign-in}.
 */
@Controller
class LoginPageController {

    @GetMapping(AuthorizationServerConfig.LOGIN_PAGE)
    ResponseEntity<String> login(HttpServletRequest request) {
        StringBuilder body = new StringBuilder();
        body.append(HtmlPage.WARNING).append("<h1>Connexion <span lang=\"en\">/ Sign in</span></h1>");
        if (request.getParameter("error") != null) {
            body.append("<p class=\"error\" id=\"login-error\" role=\"alert\">Identifiant ou mot de passe incorrect."
                    + " <span lang=\"en\">/ Invalid username or password.</span></p>");
        }
        if (request.getParameter("logout") != null) {
            body.append("<p id=\"logout-message\" role=\"status\">Vous êtes déconnecté."
                    + " <span lang=\"en\">/ You have been signed out.</span></p>");
        }
        if (request.getParameter("registered") != null) {
            body.append("<p id=\"registered-message\" role=\"status\">Compte créé : connectez-vous."
                    + " <span lang=\"en\">/ Account created: sign in.</span></p>");
        }
        body.append("<form method=\"post\" action=\"")
                .append(HtmlPage.escape(request.getContextPath() + AuthorizationServerConfig.LOGIN_PAGE))
                .append("\">")
                .append("<label for=\"username\">Identifiant <span lang=\"en\">/ Username</span></label>")
                .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\""
                        + " autocapitalize=\"none\" spellcheck=\"false\" required autofocus>")
                .append("<label for=\"password\">Mot de passe <span lang=\"en\">/ Password</span></label>")
                .append("<input type=\"password\" id=\"password\" name=\"password\""
                        + " autocomplete=\"current-password\" required>")
                .append(HtmlPage.csrfField(request))
                .append("<button type=\"submit\" id=\"sign-in\">Se connecter <span lang=\"en\">/ Sign in</span>")
                .append("</button></form>")
                .append("<p><a id=\"sign-up-link\" href=\"")
                .append(HtmlPage.escape(request.getContextPath() + SignUpController.PAGE))
                .append("\">Créer un compte de test <span lang=\"en\">/ Create a test account</span></a></p>");
        return HtmlPage.of("Connexion — IdP de développement", body.toString());
    }

    /** Landing page when someone signs in directly rather than through a client. */
    @GetMapping("/")
    ResponseEntity<String> home(Principal principal, HttpServletRequest request) {
        String body = HtmlPage.WARNING + "<h1>Connecté·e <span lang=\"en\">/ Signed in</span></h1><p>"
                + HtmlPage.escape(principal.getName()) + "</p><form method=\"post\" action=\""
                + HtmlPage.escape(request.getContextPath() + "/logout") + "\">" + HtmlPage.csrfField(request)
                + "<button type=\"submit\" id=\"sign-out\">Se déconnecter <span lang=\"en\">/ Sign out</span>"
                + "</button></form>";
        return HtmlPage.of("IdP de développement", body);
    }
}
