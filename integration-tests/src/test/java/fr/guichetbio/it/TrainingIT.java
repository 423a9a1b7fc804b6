package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import fr.guichetbio.portal.learning.web.PrintedCertificate;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.demo.GmpFundamentals;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16's first acceptance line, as a new trainee tries it in Chromium on the demo data: chooses the path of their
 * role, enrols in the GMP course, reads its lessons, fails the quiz once and sees why, waits the cool-down, passes,
 * and finds the course completed on "Mes formations". The trainee answers from the course's question bank, as someone
 * who learnt it: the page itself holds no answer. The five-minute cool-down is not waited for in real time: its
 * refusal is checked on the page, then the attempt's times are moved six minutes back in the database. Then issue 17's
 * first acceptance line on the certificate this gives (see {@link #theCertificateIsCheckedByAnyoneThenRevoked}).
 */
@ExtendWith(RunningStack.class)
class TrainingIT {

    private static final Map<String, Question> BANK = GmpFundamentals.course().quiz().bank().stream()
            .collect(Collectors.toMap(Question::key, Function.identity()));

    @Test
    void aTraineeFollowsThePathOfTheirRoleFailsOnceWaitsPassesCompletesTheGmpCourseAndItsCertificateIsChecked(
            Stack stack) throws Exception {
        try (Browser browser = new Browser()) {
            browser.signInAs(stack, "trainee");
            // The demo courses are published once the portal is up.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        browser.open(stack.portalUrl() + "/formation");
                        return !browser.driver()
                                .findElements(By.cssSelector(".learning-path[data-code=analyste-cq]"))
                                .isEmpty();
                    });
            browser.driver()
                    .findElement(By.cssSelector(".learning-path[data-code=analyste-cq] a"))
                    .click();
            assertThat(browser.find("path-title").getText()).isEqualTo("Analyste de contrôle qualité");
            browser.driver()
                    .findElement(By.cssSelector(".path-course[data-code=bpf-fondamentaux] a"))
                    .click();
            assertThat(browser.find("course-title").getText()).isEqualTo("Fondamentaux des BPF et de l'annexe 1");
            browser.submit("enrol");
            assertThat(browser.find("flash-success").getText()).contains("inscrit");

            // Every lesson, in order; the last one leads to the quiz.
            int lessons = 0;
            while (true) {
                lessons++;
                assertThat(browser.find("lesson-body").getText()).contains("Sources");
                List<WebElement> next = browser.driver().findElements(By.id("next-lesson"));
                if (next.isEmpty()) {
                    break;
                }
                next.getFirst().click();
            }
            assertThat(lessons).isEqualTo(4);
            browser.find("to-quiz").click();

            // First attempt: nothing answered. The result says what was expected, why, and which lesson to reread.
            browser.submit("start-attempt");
            assertThat(browser.driver().getPageSource()).doesNotContain("Chapitre 9, est l'auto-inspection");
            browser.submit("submit-answers");
            assertThat(browser.find("result-verdict").getText()).isEqualTo("Évaluation non réussie");
            WebElement firstOutcome = browser.driver().findElement(By.cssSelector("#outcomes .outcome"));
            String key = firstOutcome.getAttribute("data-key");
            assertThat(firstOutcome.findElement(By.className("outcome-why")).getText())
                    .contains(BANK.get(key).explanation());
            assertThat(firstOutcome.findElement(By.className("outcome-lesson")).getAttribute("href"))
                    .endsWith("/lecons/" + BANK.get(key).lessonKey());

            // The cool-down: refused now, allowed once five minutes have passed.
            browser.find("back-to-quiz").click();
            assertThat(browser.find("quiz-refusal").getText()).contains("Prochaine tentative possible");
            assertThat(browser.driver().findElements(By.id("start-attempt"))).isEmpty();
            coolDownPasses(stack);
            browser.open(browser.driver().getCurrentUrl());
            browser.submit("start-attempt");
            for (WebElement question : browser.driver().findElements(By.cssSelector("#questions .quiz-question"))) {
                answer(browser, question);
            }
            browser.submit("submit-answers");
            assertThat(browser.find("result-verdict").getText()).isEqualTo("Évaluation réussie");
            assertThat(browser.find("course-completed").getText()).contains("terminé");

            browser.find("to-my-training").click();
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#completed .completed-course[data-code=bpf-fondamentaux]"))
                            .getText())
                    .contains("Fondamentaux des BPF");
            assertThat(browser.driver().findElements(By.cssSelector("#in-progress .followed-course")))
                    .isEmpty();
            // Next step in the QC analyst's path: the microbiology course.
            assertThat(browser.find("next-steps").getText()).contains("Microbiological quality control");

            theCertificateIsCheckedByAnyoneThenRevoked(stack, browser);
        }
    }

    /**
     * Issue 17's first acceptance line, following the course just completed: the trainee finds the certificate,
     * downloads its PDF and badge; the QR code printed on the PDF, opened in a private window (a browser with no
     * session), says "valide"; an administrator revokes it; the page, the status list and so the badge's
     * verification (an outside verifier: jose4j against the published keys) all say revoked.
     */
    private static void theCertificateIsCheckedByAnyoneThenRevoked(Stack stack, Browser trainee) throws Exception {
        // Issued once the completion has committed (an event): the page shows it within moments.
        WebElement certificate = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            trainee.open(stack.portalUrl() + "/formation/certificats");
                            return trainee.driver()
                                    .findElements(
                                            By.cssSelector("#certificates .certificate[data-code=bpf-fondamentaux]"));
                        },
                        found -> !found.isEmpty())
                .getFirst();
        String id = certificate.getAttribute("data-id");
        assertThat(status(certificate)).isEqualTo("VALID");

        HttpResponse<byte[]> pdf = trainee.download(
                certificate.findElement(By.className("pdf-link")).getAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        // Kept beside the test reports, for a person to look at what a trainee prints.
        Files.write(Path.of("target/certificate-from-training-it.pdf"), pdf.body());
        PrintedCertificate printed = PrintedCertificate.read(pdf.body());
        assertThat(printed.text()).contains("Léa Dubois", "Fondamentaux des BPF");
        String link = printed.qrCode();
        assertThat(link).isEqualTo(stack.portalUrl() + "/verifier/" + id);

        OutsideVerifier verifier = new OutsideVerifier(stack);
        HttpResponse<byte[]> badge = trainee.download(
                certificate.findElement(By.className("badge-link")).getAttribute("href"));
        assertThat(badge.statusCode()).isEqualTo(200);
        JsonNode credential = OutsideVerifier.JSON.readTree(verifier.verify(OutsideVerifier.JSON
                        .readTree(new String(badge.body(), StandardCharsets.UTF_8))
                        .get("jwt")
                        .asString())
                .toJson());
        assertThat(credential.get("credentialSubject").get("name").asString()).isEqualTo("Léa Dubois");
        assertThat(verifier.revoked(credential)).isFalse();

        try (Browser privateWindow = new Browser()) {
            privateWindow.open(link);
            assertThat(privateWindow.find("verify-holder").getText()).isEqualTo("Léa Dubois");
            WebElement shown = privateWindow.find("verify-result");
            assertThat(status(shown)).isEqualTo("VALID");
            assertThat(shown.findElement(By.className("certificate-status")).getText())
                    .isEqualToIgnoringCase("Valide");

            try (Browser admin = new Browser()) {
                admin.signInAs(stack, "admin");
                admin.open(stack.portalUrl() + "/admin/formation/certificats");
                admin.find("certificate-id").sendKeys(id);
                admin.find("certificate-id").submit();
                assertThat(status(admin.find("certificate"))).isEqualTo("VALID");
                admin.find("revocation-reason-input").sendKeys("Évaluation passée par un tiers");
                admin.submit("revoke-button");
                assertThat(admin.find("flash-success").getText()).contains("révoqué");
                assertThat(admin.find("revocation-reason").getText()).contains("Évaluation passée par un tiers");
            }

            privateWindow.open(link);
            shown = privateWindow.find("verify-result");
            assertThat(status(shown)).isEqualTo("REVOKED");
            assertThat(shown.findElement(By.className("certificate-status")).getText())
                    .isEqualToIgnoringCase("Révoqué");
        }
        assertThat(verifier.revoked(credential)).isTrue();
        trainee.open(stack.portalUrl() + "/formation/certificats");
        assertThat(status(trainee.driver()
                        .findElement(By.cssSelector("#certificates .certificate[data-id='" + id + "']"))))
                .isEqualTo("REVOKED");
    }

    private static String status(WebElement around) {
        return around.findElement(By.className("certificate-status")).getAttribute("data-status");
    }

    private static void coolDownPasses(Stack stack) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        stack.database().url(),
                        stack.database().username(),
                        stack.database().password());
                PreparedStatement move = connection.prepareStatement("""
                        update quiz_attempt set started_at = started_at - interval '6 minutes',
                               deadline = deadline - interval '6 minutes',
                               submitted_at = submitted_at - interval '6 minutes'
                         where submitted_at is not null
                           and person_id = (select id from person where subject = 'trainee')
                        """)) {
            assertThat(move.executeUpdate()).isEqualTo(1);
        }
    }

    /** Answers one question on the page from the bank, reading a calculation's drawn numbers in its prompt. */
    private static void answer(Browser browser, WebElement element) {
        Question question = BANK.get(element.getAttribute("data-key"));
        String field = "q-" + question.key();
        switch (question.body()) {
            case SingleChoice single ->
                clickOption(browser, element, single.options().get(single.correct()));
            case MultipleChoice multiple ->
                multiple.correct()
                        .forEach(index ->
                                clickOption(browser, element, multiple.options().get(index)));
            case Numeric numeric -> browser.find(field).sendKeys(String.valueOf(numeric.expected()));
            case RandomisedNumeric randomised -> {
                String label = element.findElement(By.cssSelector("label[for='" + field + "']"))
                        .getText();
                double value = randomised.formula().evaluate(parameters(question.prompt(), label));
                browser.find(field).sendKeys(String.valueOf(value));
            }
            case Ordering ordering -> {
                for (WebElement select : element.findElements(By.tagName("select"))) {
                    String step = element.findElement(By.cssSelector("label[for='" + select.getAttribute("id") + "']"))
                            .getText();
                    new Select(select)
                            .selectByValue(String.valueOf(ordering.steps().indexOf(step)));
                }
            }
        }
    }

    private static void clickOption(Browser browser, WebElement question, String text) {
        question.findElements(By.tagName("label")).stream()
                .filter(label -> label.getText().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no option " + text))
                .click();
    }

    /** The numbers drawn for {@code {name}} placeholders, read back from the prompt as shown (French notation). */
    static Map<String, Double> parameters(String template, String shown) {
        Matcher names = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        List<String> order = new java.util.ArrayList<>();
        int last = 0;
        while (names.find()) {
            regex.append(Pattern.quote(template.substring(last, names.start())));
            regex.append("(-?[0-9][0-9\\s\\u00a0\\u202f]*(?:,[0-9]+)?)");
            order.add(names.group(1));
            last = names.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        Matcher values = Pattern.compile(regex.toString()).matcher(shown);
        assertThat(values.find()).as(shown + " ~ " + template).isTrue();
        Map<String, Double> parameters = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            parameters.put(
                    order.get(i),
                    Double.parseDouble(values.group(i + 1)
                            .replaceAll("[\\s\\u00a0\\u202f]", "")
                            .replace(',', '.')));
        }
        return parameters;
    }
}
