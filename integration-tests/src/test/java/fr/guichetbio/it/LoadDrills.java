package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.ManagedProcess;
import fr.guichetbio.infra.launcher.Stack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The load drill on the test stack: its portal and a second portal replica on the same database and Elasticsearch,
 * loaded by {@link PortalLoad}. Users, duration and think time come from {@code -Dguichet.load.users},
 * {@code -Dguichet.load.duration} (e.g. {@code 30s}, {@code 5m}, {@code PT5M}) and {@code -Dguichet.load.think-ms}
 * (each pause is random between 0 and twice it); the entry points give the defaults.
 */
final class LoadDrills {

    /** The demo CDMO of the demo account {@code cdmo} (its organisation's slug). */
    private static final String DEMO_CDMO = "demo-cdmo";

    private LoadDrills() {}

    static void run(Stack stack, int defaultUsers, Duration defaultDuration, String reportName) throws Exception {
        int users = Integer.getInteger("guichet.load.users", defaultUsers);
        Duration duration = duration(System.getProperty("guichet.load.duration"), defaultDuration);
        Duration think = Duration.ofMillis(Integer.getInteger("guichet.load.think-ms", 1000));
        StackCatalogue catalogue = new StackCatalogue(stack);
        catalogue.awaitIndexed();
        DemoAccount editor = stack.accounts().stream()
                .filter(account -> account.username().equals("cdmo"))
                .findFirst()
                .orElseThrow();
        // The cluster: everyone through the load balancer, which spreads the requests over both replicas (sessions
        // shared). One portal: a second replica started on its database, serving the anonymous visitors.
        ManagedProcess replica = null;
        List<PortalLoad.Target> targets = List.of(new PortalLoad.Target(stack.portalUrl(), true));
        if (stack.portalUrls().size() == 1) {
            int replicaPort = StackCatalogue.freePort();
            replica = stack.startPortalReplica(replicaPort, Map.of());
            targets = List.of(
                    new PortalLoad.Target(stack.portalUrl(), true),
                    new PortalLoad.Target("http://localhost:" + replicaPort, false));
        }
        try {
            PortalLoad load =
                    new PortalLoad(targets, stack.identityProviderUrl(), editor, editableSites(catalogue), think);
            LoadReport report = load.run(users, duration);
            String table = report.table(
                    String.format(
                            "Load drill: %d users for %s on %d portals (load average before: %s)",
                            users,
                            duration,
                            Math.max(targets.size(), stack.portalUrls().size()),
                            loadAverage()),
                    load.seconds());
            System.out.print(table);
            Path out = Path.of("target", reportName);
            Files.createDirectories(out.getParent());
            Files.writeString(out, table, StandardCharsets.UTF_8);

            assertThat(report.errorSamples())
                    .as("%d errors during the load; first ones", report.errorCount())
                    .isEmpty();
            for (String action : List.of(
                    PortalLoad.SEARCH,
                    PortalLoad.LISTING,
                    PortalLoad.COURSE,
                    PortalLoad.QUIZ_SUBMIT,
                    PortalLoad.EDIT_SAVE)) {
                assertThat(report.count(action)).as("%s requests", action).isPositive();
            }
        } finally {
            if (replica != null) {
                replica.stop();
            }
        }
    }

    /** The demo CDMO's sites (the editors' own), with whether each has an open slot. */
    private static List<PortalLoad.EditableSite> editableSites(StackCatalogue catalogue) throws Exception {
        List<PortalLoad.EditableSite> sites = new ArrayList<>();
        try (Connection connection = catalogue.connection();
                PreparedStatement query = connection.prepareStatement("""
                        select s.site_key, exists (select 1 from availability_slot a where a.site_id = s.id)
                        from site s join organisation o on o.id = s.organisation_id
                        where o.slug = ? order by s.id""")) {
            query.setString(1, DEMO_CDMO);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sites.add(new PortalLoad.EditableSite(
                            "/organisations/" + DEMO_CDMO + "/sites/" + rows.getString(1), rows.getBoolean(2)));
                }
            }
        }
        assertThat(sites).as("sites of %s (demo catalogue)", DEMO_CDMO).isNotEmpty();
        return sites;
    }

    /** {@code 30s}, {@code 5m}, or ISO-8601 ({@code PT5M}). */
    static Duration duration(String text, Duration otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("guichet.load.duration: 30s, 5m or PT5M, not " + text);
        };
    }

    /** The machine's load averages (1, 5, 15 minutes), as {@code uptime} prints them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
