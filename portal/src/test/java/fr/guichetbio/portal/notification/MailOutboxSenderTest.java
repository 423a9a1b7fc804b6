package fr.guichetbio.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail sender on a real PostgreSQL with an SMTP test double (the integration tests use a real mail server):
 * retries with back-off while SMTP fails, gives up after the maximum attempts with the error kept, writes the e-mail
 * in the person's language with absolute links and no name, and shares the outbox between concurrent senders without
 * ever sending an e-mail twice. Its schedule is pushed out of the way: the test calls it.
 */
@SpringBootTest(
        properties = {
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.indexing.enabled=false",
            "guichet.mail.enabled=true",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=1",
            "guichet.mail.check-every=1h",
            "guichet.mail.batch=5",
            "guichet.mail.max-attempts=3",
            "guichet.mail.first-retry=10m",
            "guichet.mail.max-retry=15m"
        })
class MailOutboxSenderTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @TestConfiguration
    static class Smtp {
        @Bean
        @Primary
        FakeSmtp fakeSmtp() {
            return new FakeSmtp();
        }
    }

    /** Records what it is asked to send, or refuses everything while {@code down}; slow on demand. */
    static final class FakeSmtp implements JavaMailSender {
        final List<SimpleMailMessage> sent = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean down;
        volatile long delayMillis;

        @Override
        public void send(SimpleMailMessage... messages) {
            if (down) {
                throw new MailSendException("Mail server connection failed: Connection refused");
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.addAll(List.of(messages));
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public MimeMessage createMimeMessage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public MimeMessage createMimeMessage(InputStream contentStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(MimeMessage... mimeMessages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(MimeMessagePreparator... mimeMessagePreparators) {
            throw new UnsupportedOperationException();
        }
    }

    @Autowired
    MailOutboxSender sender;

    @Autowired
    FakeSmtp smtp;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("delete from notification").update();
        smtp.sent.clear();
        smtp.threads.clear();
        smtp.down = false;
        smtp.delayMillis = 0;
    }

    @Test
    void aFailingServerIsRetriedWithBackOffThenTheMailIsSent() {
        long person = person("fr");
        notify(person, "Site de Lyon");
        smtp.down = true;

        assertThat(sender.sendBatch()).isOne();
        Map<String, Object> row = outboxRow();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("Connection refused");
        assertThat(row.get("sent_at")).isNull();
        assertThat(jdbc.sql("""
                        select next_attempt_at - now() between interval '9 minutes' and interval '10 minutes'
                          from mail_outbox""").query(Boolean.class).single())
                .as("first retry after guichet.mail.first-retry")
                .isTrue();
        assertThat(sender.sendBatch()).as("not due yet").isZero();

        dueNow();
        smtp.down = false;
        assertThat(sender.sendBatch()).isOne();
        row = outboxRow();
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("last_error")).isNull();
        assertThat(smtp.sent).hasSize(1);
        dueNow();
        assertThat(sender.sendBatch()).as("sent once").isZero();
    }

    @Test
    void aMailIsGivenUpAfterTheMaximumAttemptsWithItsLastError() {
        notify(person("fr"), "Site de Lyon");
        smtp.down = true;
        double retried = failures("retry");
        double abandoned = failures("abandoned");
        for (int attempt = 1; attempt <= 3; attempt++) {
            dueNow();
            assertThat(sender.sendBatch()).isOne();
        }
        Map<String, Object> row = outboxRow();
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat(row.get("abandoned_at")).isNotNull();
        assertThat((String) row.get("last_error")).contains("Connection refused");
        // guichet_mail_failures_total: two attempts retried, the third given up.
        assertThat(failures("retry") - retried).isEqualTo(2);
        assertThat(failures("abandoned") - abandoned).isEqualTo(1);
        smtp.down = false;
        dueNow();
        assertThat(sender.sendBatch()).isZero();
        assertThat(smtp.sent).isEmpty();
    }

    @Test
    void theMailIsInThePersonsLanguageWithAbsoluteLinksAndNoName() {
        long french = person("fr");
        long english = person("en");
        long undecided = person(null);
        notify(french, "Site de Lyon");
        notify(english, "Lyon site");
        notify(undecided, "Site de Nantes");

        assertThat(sender.sendBatch()).isEqualTo(3);
        SimpleMailMessage fr = mailTo(french);
        assertThat(fr.getFrom()).isEqualTo("Guichet Bioproduction <ne-pas-repondre@guichet-bio.example>");
        assertThat(fr.getSubject())
                .isEqualTo("Guichet Bioproduction : La modération a renvoyé le site « Site de Lyon » : raison");
        assertThat(fr.getText())
                .startsWith("Bonjour,")
                .contains("Pour voir le détail : http://localhost/organisations/demo/sites")
                .contains("http://localhost/compte/notifications")
                .doesNotContain("Personne", "Hello");
        SimpleMailMessage en = mailTo(english);
        assertThat(en.getSubject())
                .isEqualTo("Guichet Bioproduction: Moderation sent back the site “Lyon site”: raison");
        assertThat(en.getText()).startsWith("Hello,").doesNotContain("Bonjour");
        SimpleMailMessage both = mailTo(undecided);
        assertThat(both.getText()).startsWith("Bonjour,").contains("-----\n\nHello,");
    }

    @Test
    void aDeletedAccountGetsNoMail() {
        long person = person("fr");
        notify(person, "Site de Lyon");
        jdbc.sql("update person set deleted_at = now(), email = null where id = :id")
                .param("id", person)
                .update();
        assertThat(sender.sendBatch()).isOne();
        assertThat(smtp.sent).isEmpty();
        assertThat((String) outboxRow().get("last_error")).startsWith("no address");
        assertThat(outboxRow().get("abandoned_at")).isNotNull();
    }

    @Test
    void twoConcurrentSendersNeverSendTheSameMailTwice() throws Exception {
        long person = person("fr");
        IntStream.range(0, 40).forEach(i -> notify(person, "Site " + i));
        smtp.delayMillis = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> senders = IntStream.range(0, 2)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        int total = 0;
                        int claimed;
                        do {
                            claimed = sender.sendBatch();
                            total += claimed;
                        } while (claimed > 0);
                        return total;
                    }))
                    .toList();
            start.countDown();
            int first = senders.get(0).get();
            int second = senders.get(1).get();
            assertThat(first + second).isEqualTo(40);
            assertThat(first).as("both senders took part").isPositive();
            assertThat(second).as("both senders took part").isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(smtp.sent).hasSize(40);
        assertThat(smtp.sent.stream().map(SimpleMailMessage::getSubject).distinct())
                .hasSize(40);
        assertThat(smtp.threads.stream().distinct()).hasSize(2);
        assertThat(jdbc.sql("select count(*) from mail_outbox where sent_at is not null and attempts = 1")
                        .query(Long.class)
                        .single())
                .isEqualTo(40);
    }

    @Test
    void retriesWaitLongerUpToTheMaximum() {
        MailProperties properties =
                new MailProperties(true, "x@example.org", 20, 8, Duration.ofSeconds(30), Duration.ofMinutes(3), null);
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(properties::retryAfter))
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(3),
                        Duration.ofMinutes(3));
        assertThat(properties.workerName())
                .contains(":" + ProcessHandle.current().pid());
    }

    private long person(String language) {
        String n = UUID.randomUUID().toString().substring(0, 8);
        long id = TestPeople.person(jdbc, "Personne " + n, "personne-" + n + "@guichet.example");
        jdbc.sql("update person set language = :language where id = :id")
                .param("language", language)
                .param("id", id)
                .update();
        return id;
    }

    private void notify(long person, String site) {
        transactions.executeWithoutResult(status -> notifications.notify(new Notice(
                person,
                "catalogue.rejection",
                "notification.catalogue.listingRejected",
                List.of(site, "raison"),
                "/organisations/demo/sites")));
    }

    private SimpleMailMessage mailTo(long person) {
        String address = jdbc.sql("select email from person where id = :id")
                .param("id", person)
                .query(String.class)
                .single();
        return smtp.sent.stream()
                .filter(mail -> List.of(mail.getTo()).equals(List.of(address)))
                .findFirst()
                .orElseThrow();
    }

    private Map<String, Object> outboxRow() {
        return jdbc.sql("select attempts, last_error, sent_at, abandoned_at from mail_outbox")
                .query()
                .singleRow();
    }

    private double failures(String outcome) {
        return meters.get("guichet.mail.failures")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private void dueNow() {
        jdbc.sql("update mail_outbox set next_attempt_at = now() - interval '1 second'")
                .update();
    }
}
