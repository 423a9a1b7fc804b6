package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.ManagedProcess;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A certificate's reminder before expiry reaches its holder's mailbox (the stack's mail catcher) exactly once while
 * two more portal instances run the reminder job every two seconds against the same database: the clock is moved by
 * giving the demo trainee a certificate of the GMP course that ends in 30 days less an hour.
 */
@ExtendWith(RunningStack.class)
class CertificateReminderIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theThirtyDayReminderArrivesOnceWithTwoReplicas(Stack stack) throws Exception {
        DemoAccount trainee = stack.accounts().stream()
                .filter(account -> account.username().equals("trainee"))
                .findFirst()
                .orElseThrow();
        // The first sign-in records the person.
        PortalSession.signIn(stack.portalUrl(), trainee.username(), trainee.password());

        Map<String, String> everyTwoSeconds = Map.of("GUICHET_TRAINING_REMINDERS_CRON", "*/2 * * * * *");
        // Started together (each takes tens of seconds): both run the job from about the same moment.
        CompletableFuture<ManagedProcess> starting =
                CompletableFuture.supplyAsync(() -> replica(stack, everyTwoSeconds));
        ManagedProcess second = replica(stack, everyTwoSeconds);
        ManagedProcess first = starting.join();
        try {
            // Given once both replicas are up: a replica starting resubmits the event publications it finds
            // incomplete (spring.modulith.events.republish-outstanding-events-on-restart), a race of its own.
            Thread.sleep(3_000);
            String certificate =
                    StackCertificates.give(stack, trainee.email(), "bpf-fondamentaux", "23 months", "30 days - 1 hour");
            Awaitility.await("the reminder e-mail")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> reminders(stack, trainee.email()), mails -> !mails.isEmpty());
            // Both replicas go on running the job: several more rounds each.
            Thread.sleep(8_000);
            List<JsonNode> mails = reminders(stack, trainee.email());
            assertThat(mails).hasSize(1);
            assertThat(mails.getFirst().get("subject").asString()).contains("Fondamentaux des BPF");
            assertThat(reminderRows(stack, certificate)).isEqualTo(1);
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static ManagedProcess replica(Stack stack, Map<String, String> environment) {
        try {
            return stack.startPortalReplica(StackCatalogue.freePort(), environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expiry reminders in the person's inbox. */
    private static List<JsonNode> reminders(Stack stack, String address) throws Exception {
        return StreamSupport.stream(JSON.readTree(stack.mail().inbox(address)).spliterator(), false)
                .filter(message -> message.get("subject").asString().contains("expire"))
                .toList();
    }

    private static long reminderRows(Stack stack, String certificate) throws Exception {
        try (Connection db = new StackCatalogue(stack).connection();
                PreparedStatement query =
                        db.prepareStatement("select count(*) from certificate_reminder where certificate_id = ?")) {
            query.setString(1, certificate);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
