package fr.guichetbio.training.record;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds xAPI 1.0.3 statements. The actor is an account on the portal (its home page and the person's id: never an
 * e-mail address); activities are the portal's pages (a course, its quiz, a certificate's verification page).
 * Spring-free.
 */
final class Statements {

    static final String VERSION = "1.0.3";

    /** ADL's verbs; "earned" is not in ADL's list (nothing there says a credential was received): TinCan's registry. */
    enum Verb {
        REGISTERED("http://adlnet.gov/expapi/verbs/registered", "registered", "s'est inscrit"),
        PASSED("http://adlnet.gov/expapi/verbs/passed", "passed", "a réussi"),
        FAILED("http://adlnet.gov/expapi/verbs/failed", "failed", "a échoué"),
        COMPLETED("http://adlnet.gov/expapi/verbs/completed", "completed", "a terminé"),
        EARNED("http://id.tincanapi.com/verb/earned", "earned", "a obtenu"),
        VOIDED("http://adlnet.gov/expapi/verbs/voided", "voided", "a annulé");

        final String id;
        final String english;
        final String french;

        Verb(String id, String english, String french) {
            this.id = id;
            this.english = english;
            this.french = french;
        }
    }

    static final String COURSE = "http://adlnet.gov/expapi/activities/course";
    static final String ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String home;

    Statements(URI homePage) {
        this.home = homePage.toString();
    }

    /** A statement id derived from what it records: the same event always gives the same id (replays write once). */
    static UUID idOf(String key) {
        return UUID.nameUUIDFromBytes(("guichet-bioproduction:xapi:" + key).getBytes(StandardCharsets.UTF_8));
    }

    ObjectNode statement(UUID id, long actorPersonId, Verb verb, ObjectNode object, Instant timestamp) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("id", id.toString());
        ObjectNode actor = statement.putObject("actor");
        actor.put("objectType", "Agent");
        ObjectNode account = actor.putObject("account");
        account.put("homePage", home);
        account.put("name", Long.toString(actorPersonId));
        ObjectNode verbNode = statement.putObject("verb");
        verbNode.put("id", verb.id);
        ObjectNode display = verbNode.putObject("display");
        display.put("en-US", verb.english);
        display.put("fr-FR", verb.french);
        statement.set("object", object);
        statement.put("timestamp", timestamp.toString());
        statement.put("version", VERSION);
        ObjectNode context = statement.putObject("context");
        context.put("platform", "Guichet Bioproduction");
        return statement;
    }

    /** The course page as an activity, named by its version's title in its language. */
    ObjectNode course(String code, String title, String language) {
        return activity(courseUrl(code), COURSE, title, language);
    }

    /** The course's quiz as an activity. */
    ObjectNode quiz(String code, String title, String language) {
        return activity(courseUrl(code) + "/quiz", ASSESSMENT, title, language);
    }

    /** A certificate, by its public verification page. */
    ObjectNode certificate(String certificateId, String title, String language) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("objectType", "Activity");
        activity.put("id", home + "/verifier/" + certificateId);
        if (title != null) {
            activity.putObject("definition").putObject("name").put(language, title);
        }
        return activity;
    }

    /** A reference to an earlier statement (the object of a voiding statement). */
    static ObjectNode statementRef(UUID id) {
        ObjectNode reference = JSON.createObjectNode();
        reference.put("objectType", "StatementRef");
        reference.put("id", id.toString());
        return reference;
    }

    /** A result with a score in percent (scaled 0 to 1), success and completion ({@code null}: left out). */
    static ObjectNode result(int percent, Boolean success, Boolean completion) {
        ObjectNode result = JSON.createObjectNode();
        ObjectNode score = result.putObject("score");
        score.put("scaled", percent / 100.0);
        score.put("raw", percent);
        score.put("min", 0);
        score.put("max", 100);
        if (success != null) {
            result.put("success", success);
        }
        if (completion != null) {
            result.put("completion", completion);
        }
        return result;
    }

    String courseUrl(String code) {
        return home + "/formation/cours/" + code;
    }

    private static ObjectNode activity(String id, String type, String title, String language) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("objectType", "Activity");
        activity.put("id", id);
        ObjectNode definition = activity.putObject("definition");
        definition.put("type", type);
        if (title != null) {
            definition.putObject("name").put(language, title);
        }
        return activity;
    }
}
