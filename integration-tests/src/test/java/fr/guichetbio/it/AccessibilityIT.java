package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * RGAA / WCAG 2.1 AA checks with axe-core (from npm, installed by the portal's build) in Chromium, on the pages a
 * visitor, a signed-in member and an admin see, in French and English: no serious or critical violation.
 */
@ExtendWith(RunningStack.class)
class AccessibilityIT {

    private static final Path AXE =
            Path.of(System.getProperty("guichet.project.dir", ".."), "portal/node_modules/axe-core/axe.min.js");

    private static final List<String> PUBLIC_PAGES = List.of(
            "/",
            "/?lang=en",
            "/catalogue",
            "/mise-en-relation",
            "/mise-en-relation/dimensionnement",
            // The sizing calculator's results (formulas, standard sizes table), in both languages, and a form sent
            // back with field errors.
            "/mise-en-relation/dimensionnement?modalite=proteines&quantite=50&titre=3&rendement=70&reussite=90"
                    + "&volume=2000&cadence=3&mois=11",
            "/mise-en-relation/dimensionnement?modalite=vecteurs-viraux&vecteur=AAV&base=kg&dose=1e14&poids=20"
                    + "&patients=100&productivite=1e14&rendement=30&reussite=90&volume=500&lang=en",
            "/mise-en-relation/dimensionnement?modalite=therapies-cellulaires&patients=200&type=autologue"
                    + "&reussite=90&duree=10&parallele=2&jours=330",
            "/mise-en-relation/dimensionnement?modalite=proteines&quantite=0&titre=abc",
            "/formation",
            "/tableaux-de-bord",
            "/tableaux-de-bord?lang=en",
            "/tableaux-de-bord?region=11&modalite=VIRAL_VECTORS",
            "/tableaux-de-bord?region=99&lang=en",
            "/accessibilite",
            "/mentions-legales",
            "/donnees-personnelles",
            // The API documentation page (the Swagger UI console it links to is a third-party tool, not checked).
            "/documentation-api",
            "/documentation-api?lang=en",
            "/donnees",
            "/donnees?lang=en",
            "/organisations/demo-biotech",
            "/organisations/demo-cdmo",
            "/catalogue/parcourir",
            "/catalogue/parcourir?modalite=MAB&lang=en",
            "/technologies-de-production",
            "/technologies-de-production?lang=en",
            "/recherche?q=perfusion&lang=en",
            "/recherche",
            "/recherche?q=anticorps+monoclonaux&region=84",
            "/recherche?q=aav&lieu=Lyon&rayon=100&tri=distance&lang=en",
            "/recherche?q=zzzzqqq",
            // A town read as a filter tag; a relaxed answer with its notice.
            "/recherche?q=AAV+Lyon",
            "/recherche?q=th%C3%A9rapie+g%C3%A9nique+Toulouse&lang=en",
            "/page-inexistante");

    private static final List<String> MEMBER_PAGES = List.of(
            "/",
            "/compte",
            "/compte/notifications",
            "/compte/notifications?lang=en",
            "/compte/recherches",
            "/compte/recherches?lang=en",
            "/recherche?q=perfusion",
            "/notifications",
            "/organisations",
            "/organisations/nouvelle",
            "/organisations/demo-biotech",
            "/organisations/demo-biotech/modifier",
            "/organisations/demo-biotech/membres",
            "/organisations/demo-biotech/journal",
            "/organisations/demo-biotech/api",
            "/organisations/demo-biotech/membres?lang=en",
            "/organisations/demo-biotech/cahiers-des-charges",
            "/mise-en-relation");

    private static final List<String> ADMIN_PAGES = List.of(
            "/admin/utilisateurs",
            "/admin/journal",
            "/admin/organisations",
            "/admin/utilisateurs?lang=en",
            "/admin/moderation",
            "/admin/moderation/registre",
            "/admin/moderation?lang=en",
            "/admin/index",
            "/admin/catalogue/import",
            "/admin/formation",
            "/admin/formation/parcours/nouveau",
            "/admin/formation/parcours/analyste-cq?lang=en",
            // Dashboards an agency analyst or an admin sees, both languages.
            "/tableaux-de-bord/demande",
            "/tableaux-de-bord/demande?lang=en",
            "/tableaux-de-bord/competences",
            "/tableaux-de-bord/competences?lang=en");

    /** The listing editor of the demo CDMO; the site and evidence pages are found through its sites table. */
    /** The training catalogue with its filters (and a refused one), a path and courses, in both languages. */
    private static final List<String> TRAINING_PAGES = List.of(
            "/formation?lang=en",
            "/formation?role=QC_ANALYST&langue=fr",
            "/formation?langue=de&duree=0",
            "/formation/parcours/analyste-cq",
            "/formation/parcours/technicien-mti?lang=en",
            "/formation/cours/bpf-fondamentaux",
            "/formation/cours/car-t-manufacturing?lang=en");

    private static final String CDMO_SITES = "/organisations/demo-cdmo/sites";

    @Test
    void publicMemberAndAdminPagesHaveNoSeriousViolation(Stack stack) throws Exception {
        String axe = Files.readString(AXE);
        List<String> violations = new ArrayList<>();
        try (Browser visitor = new Browser()) {
            check(visitor, stack.portalUrl(), PUBLIC_PAGES, axe, violations);
            // A site page of the demo catalogue, found the way a visitor finds it.
            visitor.open(stack.portalUrl() + "/catalogue/parcourir");
            String site = visitor.driver()
                    .findElement(org.openqa.selenium.By.cssSelector("a.site-link"))
                    .getAttribute("href");
            check(visitor, "", List.of(site, site + "?lang=en"), axe, violations);

            // The check itself can fail: an image without a text alternative is reported.
            visitor.open(stack.portalUrl() + "/");
            ((JavascriptExecutor) visitor.driver())
                    .executeScript("document.querySelector('main').appendChild(document.createElement('img')).src"
                            + " = '/favicon.ico';");
            List<String> canary = new ArrayList<>();
            run(visitor, "/ (with an image without alt)", axe, canary);
            assertThat(canary).anyMatch(violation -> violation.contains("image-alt"));
        }
        try (Browser member = new Browser()) {
            signIn(member, stack, "sponsor");
            check(member, stack.portalUrl(), MEMBER_PAGES, axe, violations);
            // The brief form sent back with errors, then a saved brief with its shortlist.
            String briefs = stack.portalUrl() + "/organisations/demo-biotech/cahiers-des-charges";
            member.open(briefs + "/nouveau");
            member.find("brief-save").click();
            member.find("brief-errors");
            run(member, briefs + "/nouveau (with errors)", axe, violations);
            member.find("title").sendKeys("Accessibilité : AAV clinique");
            new org.openqa.selenium.support.ui.Select(member.find("modality")).selectByValue("AAV");
            member.find("litresPerBatch").sendKeys("200");
            member.find("brief-save").click();
            member.find("shortlist");
            run(member, "a brief with its shortlist", axe, violations);
            member.open(member.driver().getCurrentUrl() + "?lang=en&site=nowhere");
            member.find("shortlist-missing-answer");
            run(member, "a brief with its shortlist (en, a missing site)", axe, violations);
        }
        try (Browser cdmo = new Browser()) {
            signIn(cdmo, stack, "cdmo");
            check(cdmo, stack.portalUrl(), List.of(CDMO_SITES), axe, violations);
            String site = cdmo.driver()
                    .findElement(org.openqa.selenium.By.cssSelector("#sites a[href$='/modifier']"))
                    .getAttribute("href")
                    .replaceAll("/modifier$", "");
            cdmo.open(site + "/modifier");
            String evidence = cdmo.driver()
                    .findElement(org.openqa.selenium.By.cssSelector("#evidence a[id^='evidence-edit-']"))
                    .getAttribute("href");
            // Each editor page with an element only it has, so that an error page in its place fails the test.
            Map<String, String> editorPages = new LinkedHashMap<>();
            editorPages.put(stack.portalUrl() + CDMO_SITES + "/nouveau", "site-form");
            editorPages.put(site + "/modifier", "capacites");
            editorPages.put(site + "/modifier?lang=en", "capacites");
            editorPages.put(site + "/capacites/nouvelle", "capability-form");
            editorPages.put(site + "/capacites/0", "capability-form");
            editorPages.put(site + "/creneaux/nouveau", "slot-form");
            editorPages.put(evidence, "certificate-form");
            editorPages.put(site + "/preuves/nouvelle", "evidence-form");
            editorPages.forEach((page, element) -> {
                cdmo.open(page);
                cdmo.find(element);
                run(cdmo, page, axe, violations);
            });
            // Forms sent back with errors (nothing is saved): the error messages and their links to the fields.
            cdmo.open(site + "/capacites/nouvelle");
            cdmo.find("capability-save").click();
            cdmo.find("form-invalid");
            run(cdmo, site + "/capacites/nouvelle (with errors)", axe, violations);
            cdmo.open(site + "/creneaux/nouveau");
            cdmo.find("slot-save").click();
            cdmo.find("form-invalid");
            run(cdmo, site + "/creneaux/nouveau (with errors)", axe, violations);
            // A save refused because the site changed since the form was read (a stale version stands in for another
            // person's save; nothing is saved): the warning with the list of changes.
            cdmo.open(site + "/capacites/0");
            ((JavascriptExecutor) cdmo.driver())
                    .executeScript("const v = document.querySelector('#capability-form input[name=version]');"
                            + " v.value = String(Number(v.value) - 1);");
            cdmo.find("capability-save").click();
            cdmo.find("conflict");
            run(cdmo, site + "/capacites/0 (refused: changed meanwhile)", axe, violations);
            cdmo.open(evidence);
            cdmo.submit("certificate-upload");
            cdmo.find("certificate-error");
            run(cdmo, evidence + " (certificate without a file)", axe, violations);
        }
        String certificate;
        try (Browser learner = new Browser()) {
            // The training pages of a learner (the instructor account: TrainingIT's trainee keeps a clean record).
            signIn(learner, stack, "instructor");
            String course = stack.portalUrl() + "/formation/cours/culture-cellulaire-bioreacteur";
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        learner.open(course);
                        return !learner.driver()
                                .findElements(By.id("course-title"))
                                .isEmpty();
                    });
            check(learner, stack.portalUrl(), TRAINING_PAGES, axe, violations);
            learner.open(course);
            if (!learner.driver().findElements(By.id("enrol")).isEmpty()) {
                learner.submit("enrol");
            }
            run(learner, "a lesson", axe, violations);
            learner.open(course + "?lang=en");
            run(learner, "a course followed (en)", axe, violations);
            learner.open(course + "/lecons/calculs-culture?lang=en");
            run(learner, "a lesson with tables (en)", axe, violations);
            learner.open(course + "/quiz");
            if (!learner.driver().findElements(By.id("start-attempt")).isEmpty()) {
                learner.submit("start-attempt");
            }
            run(learner, "a quiz with its questions", axe, violations);
            // A number that cannot be read: the questions come back with the error next to it.
            WebElement number =
                    learner.driver().findElement(By.cssSelector("#questions .quiz-question[data-kind=NUMBER] input"));
            number.sendKeys("douze");
            learner.submit("submit-answers");
            run(learner, "a quiz with an error", axe, violations);
            learner.open(course + "/quiz?lang=en");
            run(learner, "a quiz with its questions (en)", axe, violations);
            learner.submit("submit-answers");
            run(learner, "a quiz result (en)", axe, violations);
            learner.open(stack.portalUrl() + "/formation/mes-formations");
            run(learner, "my training", axe, violations);
            learner.open(stack.portalUrl() + "/formation/mes-formations?lang=en");
            run(learner, "my training (en)", axe, violations);
            // A certificate of the instructor's, expiring: their certificates page, its public check, its renewal.
            DemoAccount instructor = stack.account("instructor");
            certificate =
                    StackCertificates.give(stack, instructor.email(), "remplissage-aseptique", "22 months", "60 days");
            check(
                    learner,
                    stack.portalUrl(),
                    List.of(
                            "/formation/certificats",
                            "/formation/certificats?lang=en",
                            "/verifier/" + certificate,
                            "/verifier/" + certificate + "?lang=en",
                            "/verifier/" + "x".repeat(26),
                            "/formation/certificats/" + certificate + "/renouvellement",
                            "/formation/certificats/" + certificate + "/renouvellement?lang=en"),
                    axe,
                    violations);
            // The same account instructs the demo training provider: its workshop and the new-course form.
            check(
                    learner,
                    stack.portalUrl(),
                    List.of("/formation/atelier", "/formation/atelier/cours/nouveau?lang=en"),
                    axe,
                    violations);
            learner.open(stack.portalUrl() + "/formation/atelier/cours/nouveau");
            learner.submit("create-course");
            run(learner, "a new course refused (fields with errors)", axe, violations);
        }
        try (Browser admin = new Browser()) {
            signIn(admin, stack, "admin");
            check(admin, stack.portalUrl(), ADMIN_PAGES, axe, violations);
            check(
                    admin,
                    stack.portalUrl(),
                    List.of("/admin/formation/certificats", "/admin/formation/certificats?lang=en&id=" + certificate),
                    axe,
                    violations);
        }
        assertThat(violations).as("serious or critical axe-core violations").isEmpty();
    }

    private static void signIn(Browser browser, Stack stack, String username) {
        DemoAccount account = stack.account(username);
        browser.open(stack.portalUrl() + "/");
        browser.signIn(account.username(), account.password());
        browser.find("user-name");
    }

    private static void check(Browser browser, String portal, List<String> pages, String axe, List<String> violations) {
        for (String page : pages) {
            browser.open(portal + page);
            run(browser, page, axe, violations);
        }
    }

    @SuppressWarnings("unchecked")
    private static void run(Browser browser, String page, String axe, List<String> violations) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript(axe);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations
                       .filter(v => v.impact === 'serious' || v.impact === 'critical')
                       .map(v => ({id: v.id, impact: v.impact,
                                   targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', targets: [String(e)]}]));
                """);
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            violations.add(page + ": " + violation.get("id") + " (" + violation.get("impact") + ") "
                    + violation.get("targets"));
        }
    }
}
