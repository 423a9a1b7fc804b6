package fr.guichetbio.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A person signed in to the portal over plain HTTP, without a browser: follows the OpenID Connect redirects through
 * the identity provider's login form, keeps the cookies, then gets pages and posts forms with the CSRF token of the
 * signed-in page. Cookies are kept per host like a browser (not per port) and sent over http even when marked
 * {@code Secure}, as browsers do for {@code localhost}.
 */
final class PortalSession {

    private static final int MAX_REDIRECTS = 15;

    private final String portalUrl;
    private final HttpClient http;
    /** host → (cookie name → value). */
    private final Map<String, Map<String, String>> cookies;

    private PortalSession(String portalUrl) {
        this(
                portalUrl,
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                new java.util.concurrent.ConcurrentHashMap<>());
    }

    private PortalSession(String portalUrl, HttpClient http, Map<String, Map<String, String>> cookies) {
        this.portalUrl = portalUrl;
        this.http = http;
        this.cookies = cookies;
    }

    /**
     * The same browser talking to another portal address (e.g. one replica behind the load balancer): same cookies,
     * so the same HTTP session if the portals share their sessions.
     */
    PortalSession at(String otherPortalUrl) {
        return new PortalSession(otherPortalUrl, http, cookies);
    }

    /** An answer after following redirects: the final URL, status and body. */
    record Page(URI uri, int status, String body) {
        Document document() {
            return Jsoup.parse(body, uri.toString());
        }
    }

    /** Signs in with the identity provider's login form; fails unless the portal ends up showing the person. */
    static PortalSession signIn(String portalUrl, String username, String password)
            throws IOException, InterruptedException {
        PortalSession session = new PortalSession(portalUrl);
        Page login = session.follow(HttpRequest.newBuilder(URI.create(portalUrl + "/oauth2/authorization/guichet"))
                .GET());
        Element form = login.document().selectFirst("form:has(input[name=password])");
        if (form == null) {
            throw new IllegalStateException("No login form at " + login.uri() + " (status " + login.status() + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        fields.put("username", username);
        fields.put("password", password);
        URI action = URI.create(form.absUrl("action").isEmpty() ? login.uri().toString() : form.absUrl("action"));
        Page home = session.follow(formPost(action, entries(fields)));
        if (!home.uri().toString().startsWith(portalUrl) || home.document().getElementById("user-name") == null) {
            throw new IllegalStateException(
                    "Sign-in of " + username + " failed: ended at " + home.uri() + " (status " + home.status() + ")");
        }
        return session;
    }

    /** Signs the stack's demo account of that username in, through the stack's address. */
    static PortalSession signInAs(fr.guichetbio.infra.launcher.Stack stack, String username)
            throws IOException, InterruptedException {
        fr.guichetbio.infra.launcher.DemoAccount account = stack.account(username);
        return signIn(stack.portalUrl(), account.username(), account.password());
    }

    /**
     * Creates an account on the development identity provider's own sign-up page ({@code /inscription}, kept in its
     * memory until it stops), as a newcomer does before their first sign-in; fails unless it leads back to the login
     * form with its "account created" message.
     */
    static void signUp(String identityProviderUrl, String username, String name, String email, String password)
            throws IOException, InterruptedException {
        PortalSession session = new PortalSession(identityProviderUrl);
        Page page = session.follow(HttpRequest.newBuilder(URI.create(identityProviderUrl + "/inscription"))
                .GET());
        Element form = page.document().selectFirst("form:has(input[name=username])");
        if (form == null) {
            throw new IllegalStateException("No sign-up form at " + page.uri() + " (status " + page.status() + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        fields.put("username", username);
        fields.put("name", name);
        fields.put("email", email);
        fields.put("password", password);
        URI action = URI.create(form.absUrl("action").isEmpty() ? page.uri().toString() : form.absUrl("action"));
        Page login = session.follow(formPost(action, entries(fields)));
        if (login.document().getElementById("registered-message") == null) {
            throw new IllegalStateException(
                    "Sign-up of " + username + " failed: ended at " + login.uri() + " (status " + login.status() + ")");
        }
    }

    /** The session's cookies for the portal's host, as a {@code Cookie} header (for another client, e.g. Lighthouse). */
    String cookieHeader() {
        return cookies.getOrDefault(URI.create(portalUrl).getHost(), Map.of()).entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    Page get(String path) throws IOException, InterruptedException {
        return get(path, "text/html");
    }

    /** Same, accepting another media type (e.g. {@code application/json} for the actuator). */
    Page get(String path, String accept) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(URI.create(portalUrl + path))
                .header("Accept", accept)
                .GET());
    }

    /** Posts a form to the portal with the session's CSRF token, then follows redirects. */
    Page postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return postForm(path, entries(fields));
    }

    /** Same, with repeated names allowed (checkboxes). */
    Page postForm(String path, List<Map.Entry<String, String>> fields) throws IOException, InterruptedException {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("_csrf", csrfToken()));
        return follow(formPost(URI.create(portalUrl + path), all));
    }

    /** The CSRF token of the signed-in page's logout form. */
    String csrfToken() throws IOException, InterruptedException {
        Page home = get("/");
        Element token = home.document().selectFirst("form[action$=/logout] input[name=_csrf]");
        if (token == null) {
            throw new IllegalStateException("Not signed in: no logout form on " + home.uri());
        }
        return token.attr("value");
    }

    /**
     * Submits the form of {@code page} matched by {@code formSelector} as a browser would (hidden and visible inputs
     * with their values, checked boxes, selected options, text areas; no file), with {@code changes} replacing the
     * values of those names; follows redirects.
     */
    Page submit(Page page, String formSelector, Map<String, String> changes) throws IOException, InterruptedException {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new IllegalStateException("No form " + formSelector + " on " + page.uri());
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Element field : form.select("input[name], select[name], textarea[name]")) {
            String name = field.attr("name");
            if (changes.containsKey(name) || field.hasAttr("disabled")) {
                continue;
            }
            switch (field.tagName()) {
                case "select" ->
                    field.select("option[selected]")
                            .forEach(option -> fields.add(Map.entry(name, option.attr("value"))));
                case "textarea" -> fields.add(Map.entry(name, field.wholeText()));
                default -> {
                    String type = field.attr("type").toLowerCase(java.util.Locale.ROOT);
                    if (List.of("submit", "button", "file", "image", "reset").contains(type)
                            || List.of("checkbox", "radio").contains(type) && !field.hasAttr("checked")) {
                        continue;
                    }
                    fields.add(
                            Map.entry(name, type.equals("checkbox") && !field.hasAttr("value") ? "on" : field.val()));
                }
            }
        }
        changes.forEach((name, value) -> fields.add(Map.entry(name, value)));
        String action = form.absUrl("action").isEmpty() ? page.uri().toString() : form.absUrl("action");
        return follow(formPost(URI.create(action), fields));
    }

    private static List<Map.Entry<String, String>> entries(Map<String, String> fields) {
        return new ArrayList<>(fields.entrySet());
    }

    private static HttpRequest.Builder formPost(URI uri, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Page follow(HttpRequest.Builder first) throws IOException, InterruptedException {
        HttpRequest request = withCookies(first).build();
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            keepCookies(response);
            int status = response.statusCode();
            if (status < 300
                    || status >= 400
                    || response.headers().firstValue("Location").isEmpty()) {
                return new Page(response.uri(), status, response.body());
            }
            URI next = response.uri()
                    .resolve(response.headers().firstValue("Location").orElseThrow());
            request = withCookies(HttpRequest.newBuilder(next)
                            .header("Accept", "text/html")
                            .GET())
                    .build();
        }
        throw new IllegalStateException("Too many redirects");
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
        HttpRequest probe = request.copy().build();
        Map<String, String> jar = cookies.get(probe.uri().getHost());
        if (jar != null && !jar.isEmpty()) {
            request.header(
                    "Cookie",
                    jar.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return request.timeout(Duration.ofSeconds(20));
    }

    private void keepCookies(HttpResponse<?> response) {
        Map<String, String> jar = cookies.computeIfAbsent(response.uri().getHost(), host -> new LinkedHashMap<>());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }
}
