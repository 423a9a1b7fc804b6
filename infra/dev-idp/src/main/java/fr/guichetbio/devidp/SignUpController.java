package fr.guichetbio.devidp;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Self sign-up, so that a new user can try the portal with an account of their own (development only: accounts live
 * in memory until the provider stops). After sign-up the browser goes back to the login form, and from there to the
 * portal that asked for the sign-in.
 */
@Controller
class SignUpController {

    static final String PAGE = "/inscription";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Accounts accounts;

    SignUpController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(PAGE)
    ResponseEntity<String> form(HttpServletRequest request) {
        return HtmlPage.of("Inscription — IdP de développement", body(request, List.of(), "", "", ""));
    }

    @PostMapping(PAGE)
    ResponseEntity<String> signUp(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password) {
        String user = username.strip().toLowerCase(Locale.ROOT);
        List<String> errors = new ArrayList<>();
        if (!Accounts.USERNAME.matcher(user).matches()) {
            errors.add("Identifiant : 3 à 30 caractères, lettres minuscules, chiffres, point ou tiret."
                    + " / Username: 3 to 30 lower-case letters, digits, dot or dash.");
        }
        if (name.isBlank() || name.strip().length() > 120) {
            errors.add("Nom : obligatoire, 120 caractères au plus. / Name: required, at most 120 characters.");
        }
        if (!EMAIL.matcher(email.strip()).matches()) {
            errors.add("Adresse électronique invalide. / Invalid email address.");
        }
        if (password.length() < Accounts.MIN_PASSWORD_LENGTH) {
            errors.add("Mot de passe : " + Accounts.MIN_PASSWORD_LENGTH + " caractères au moins. / Password: at least "
                    + Accounts.MIN_PASSWORD_LENGTH + " characters.");
        }
        if (errors.isEmpty()
                && !accounts.signUp(
                        user,
                        password,
                        new Accounts.Profile(name.strip(), email.strip().toLowerCase(Locale.ROOT), "fr"))) {
            errors.add("Cet identifiant est déjà pris. / This username is taken.");
        }
        if (!errors.isEmpty()) {
            return HtmlPage.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Inscription — IdP de développement",
                    body(request, errors, user, name, email));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header("Location", request.getContextPath() + AuthorizationServerConfig.LOGIN_PAGE + "?registered")
                .build();
    }

    private static String body(
            HttpServletRequest request, List<String> errors, String username, String name, String email) {
        StringBuilder body = new StringBuilder(HtmlPage.WARNING)
                .append("<h1>Créer un compte de test <span lang=\"en\">/ Create a test account</span></h1>");
        if (!errors.isEmpty()) {
            body.append("<ul class=\"error\" id=\"sign-up-errors\" role=\"alert\">");
            errors.forEach(
                    error -> body.append("<li>").append(HtmlPage.escape(error)).append("</li>"));
            body.append("</ul>");
        }
        body.append("<form method=\"post\" action=\"")
                .append(HtmlPage.escape(request.getContextPath() + PAGE))
                .append("\">")
                .append(field("username", "Identifiant", "Username", "text", username, "username"))
                .append(field("name", "Nom affiché", "Display name", "text", name, "name"))
                .append(field("email", "Adresse électronique", "Email", "email", email, "email"))
                .append(field(
                        "password",
                        "Mot de passe (12 caractères au moins)",
                        "Password (12+ characters)",
                        "password",
                        "",
                        "new-password"))
                .append(HtmlPage.csrfField(request))
                .append("<button type=\"submit\" id=\"sign-up\">Créer le compte <span lang=\"en\">/ Create account"
                        + "</span></button></form>");
        return body.toString();
    }

    private static String field(
            String id, String french, String english, String type, String value, String autocomplete) {
        return "<label for=\"" + id + "\">" + HtmlPage.escape(french) + " <span lang=\"en\">/ "
                + HtmlPage.escape(english)
                + "</span></label><input type=\"" + type + "\" id=\"" + id + "\" name=\"" + id + "\" value=\""
                + HtmlPage.escape(value) + "\" autocomplete=\"" + autocomplete + "\" required>";
    }
}
