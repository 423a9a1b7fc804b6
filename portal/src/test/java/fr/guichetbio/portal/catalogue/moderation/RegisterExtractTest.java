package fr.guichetbio.portal.catalogue.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.catalogue.exchange.CatalogueImport;
import fr.guichetbio.portal.catalogue.exchange.DemoCatalogue;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.Difference;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.Match;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.ParseError;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.Parsed;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.Report;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Register extract import on a real PostgreSQL holding the demo catalogue of {@link RegisterExtractSample#DAY}: the
 * CSV reader, matches (registry-matched through {@code EvidenceReviews}, with audit and outbox), mismatches and unknown
 * references, all-or-nothing on parse errors, the back-office page, and the sample extract kept in step with the
 * demo catalogue.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class RegisterExtractTest {

    private static final String HEADER =
            "authority,reference,siret,oms_location_id,fda_fei,issued,inspected,valid_until,scope\n";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    RegisterExtract registerExtract;

    @Autowired
    CatalogueImport catalogueImport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    private PortalUser admin;

    /** One certificate of the demo catalogue, self-declared, on a site with a SIRET. */
    private record Certificate(
            long id,
            long siteId,
            String authority,
            String reference,
            String siret,
            LocalDate issued,
            LocalDate inspected,
            LocalDate validUntil,
            String scope) {

        String line() {
            return String.join(
                            ",",
                            authority,
                            reference,
                            siret,
                            "",
                            "",
                            issued.toString(),
                            inspected.toString(),
                            validUntil.toString(),
                            scope)
                    + "\n";
        }
    }

    @BeforeEach
    void demoCatalogue() {
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from organisation").update();
        CatalogueImport.Report seeded = catalogueImport.importDocument(
                json.writeValueAsString(DemoCatalogue.demo(RegisterExtractSample.DAY)),
                CatalogueImport.Options.system(false),
                Locale.ENGLISH);
        assertThat(seeded.errors()).isEmpty();
        // The organisations' outbox rows are written after commit: let them land before the tests count rows.
        TestEvents.awaitDelivered(jdbc);
        long personId = jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', 'register-admin', 'Admin', 'register-admin@example.org',
                                current_timestamp, current_timestamp)
                        on conflict (issuer, subject) do update set name = excluded.name
                        returning id
                        """).query(Long.class).single();
        jdbc.sql("insert into person_role (person_id, role) values (:p, 'ADMIN') on conflict do nothing")
                .param("p", personId)
                .update();
        admin = user(personId, "register-admin", EnumSet.of(PlatformRole.ADMIN));
    }

    // --- The CSV reader --------------------------------------------------------------------------------------------

    @Test
    void readsQuotedFieldsWithSeparatorsLineBreaksAndDoubledQuotes() {
        Parsed parsed = registerExtract.parse(
                HEADER
                        + "ANSM,\"REF, \"\"quoted\"\"\nsecond line\",,,,2025-01-02,,,\"1.3.1.5 | 1.3.1.4\"\n"
                        + "ANSM,REF-2,,,,,,,\n",
                Locale.FRENCH);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.lines()).hasSize(2);
        assertThat(parsed.lines().get(0).reference()).isEqualTo("REF, \"quoted\"\nsecond line");
        assertThat(parsed.lines().get(0).scope()).containsExactlyInAnyOrder("1.3.1.5", "1.3.1.4");
        assertThat(parsed.lines().get(0).issued()).isEqualTo(LocalDate.of(2025, 1, 2));
        // The quoted line break counts: the next record starts on the file's fourth line.
        assertThat(parsed.lines().get(1).number()).isEqualTo(4);
        assertThat(parsed.lines().get(1).scope()).isEmpty();
    }

    @Test
    void readsSemicolonsByteOrderMarkUpperCaseHeadersAndFrenchDates() {
        byte[] file = ("\uFEFFAUTHORITY;Reference;SIRET;scope;issued;inspected;valid_until\r\n"
                        + "ansm;DEMO-1;123 456 789 00012;1.3.1.5;02/01/2025;;\r\n")
                .getBytes(StandardCharsets.UTF_8);

        Parsed parsed = registerExtract.parse(file, Locale.FRENCH);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.lines()).singleElement().satisfies(line -> {
            assertThat(line.number()).isEqualTo(2);
            assertThat(line.authority()).isEqualTo("ansm");
            assertThat(line.siret()).isEqualTo("12345678900012");
            assertThat(line.issued()).isEqualTo(LocalDate.of(2025, 1, 2));
            assertThat(line.omsLocationId()).isNull();
        });
    }

    @Test
    void namesTheLineAndColumnOfEveryErrorInTheReadersLanguage() {
        String text = HEADER
                + "ANSM,DEMO-1,,,,2025-01-02,,,\n"
                + "ANSM,DEMO-2,,,,2025-01-02,,2026-13-01,1.3.1.5\n"
                + "ANSM,DEMO-3,,,,,,,1.3.x\n"
                + "ANSM,DEMO-4,,,\n";

        Parsed french = registerExtract.parse(text, Locale.FRENCH);
        Parsed english = registerExtract.parse(text, Locale.ENGLISH);

        assertThat(french.lines()).hasSize(1);
        assertThat(french.errors())
                .extracting(ParseError::line, ParseError::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "valid_until"),
                        org.assertj.core.groups.Tuple.tuple(4, "scope"),
                        org.assertj.core.groups.Tuple.tuple(5, null));
        assertThat(french.errors().getFirst().message()).contains("Date invalide", "2026-13-01");
        assertThat(english.errors().getFirst().message()).contains("Invalid date", "2026-13-01");
        assertThat(english.errors().get(2).message()).contains("5 field(s) instead of 9");
    }

    @Test
    void refusesMissingUnknownAndDuplicateColumns() {
        Parsed parsed = registerExtract.parse(
                "authority,reference,issued,inspected,valid_until,colour,reference\nANSM,X,,,,red,X\n", Locale.ENGLISH);

        assertThat(parsed.lines()).isEmpty();
        assertThat(parsed.errors())
                .extracting(ParseError::line, ParseError::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "colour"),
                        org.assertj.core.groups.Tuple.tuple(1, "reference"),
                        org.assertj.core.groups.Tuple.tuple(1, "scope"));
        assertThat(parsed.errors().get(0).message()).contains("Unknown column", "colour");
        assertThat(parsed.errors().get(2).message()).contains("Required column", "scope");
    }

    @Test
    void refusesAnUnterminatedQuoteTextAfterAQuoteAndAnotherEncoding() {
        Parsed afterQuote =
                registerExtract.parse(HEADER + "ANSM,\"DEMO\"-1,,,,,,,\nANSM,DEMO-2,,,,,,,\"1.3", Locale.ENGLISH);
        assertThat(afterQuote.errors())
                .extracting(ParseError::line, ParseError::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "reference"),
                        org.assertj.core.groups.Tuple.tuple(3, "scope"));
        assertThat(afterQuote.errors().get(1).message()).contains("closing quote");

        byte[] latin1 = (HEADER + "ANSM,DEMO-1,,,,,,,\nANSM,RÉF-2,,,,,,,\n").getBytes(StandardCharsets.ISO_8859_1);
        Parsed encoding = registerExtract.parse(latin1, Locale.ENGLISH);
        assertThat(encoding.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.message()).contains("UTF-8");
        });
    }

    // --- Matching against the catalogue ----------------------------------------------------------------------------

    @Test
    void aMatchBecomesRegistryMatchedWithAuditAndOutboxAndIsReportedAsAlreadyTheSecondTime() {
        Certificate certificate = selfDeclaredCertificate(0);
        int version = siteVersion(certificate.siteId());
        long audits = count(
                "audit_entry where action = 'gmp.evidence.registryMatched' and target_id = '" + certificate.id() + "'");
        long outbox = count("outbox where aggregate_type = 'site' and aggregate_id = " + certificate.siteId());
        // Authority and reference compared trimmed and case-insensitively.
        String line = certificate
                .line()
                .replaceFirst(
                        "^" + certificate.authority(),
                        " " + certificate.authority().toLowerCase(Locale.ROOT))
                .replace(certificate.reference(), certificate.reference().toLowerCase(Locale.ROOT) + " ");

        Report report = importCsv(HEADER + line, false);

        assertThat(report.errors()).isEmpty();
        assertThat(report.matches()).singleElement().satisfies(match -> {
            assertThat(match.evidenceId()).isEqualTo(certificate.id());
            assertThat(match.already()).isFalse();
        });
        assertThat(report.applied()).isOne();
        assertThat(verification(certificate.id())).isEqualTo("REGISTRY_MATCHED");
        assertThat(count("gmp_evidence where id = " + certificate.id() + " and review = 'CHECKED' and checked_by = "
                        + admin.personId()))
                .isOne();
        assertThat(siteVersion(certificate.siteId())).isEqualTo(version + 1);
        assertThat(count("audit_entry where action = 'gmp.evidence.registryMatched' and target_id = '"
                        + certificate.id() + "' and actor_person_id = " + admin.personId()))
                .isEqualTo(audits + 1);
        assertThat(count("outbox where aggregate_type = 'site' and aggregate_id = " + certificate.siteId()))
                .isEqualTo(outbox + 1);

        Report again = importCsv(HEADER + certificate.line(), false);

        assertThat(again.matches())
                .singleElement()
                .satisfies(match -> assertThat(match.already()).isTrue());
        assertThat(again.applied()).isZero();
        assertThat(siteVersion(certificate.siteId())).isEqualTo(version + 1);
        assertThat(count("outbox where aggregate_type = 'site' and aggregate_id = " + certificate.siteId()))
                .isEqualTo(outbox + 1);
    }

    @Test
    void aMismatchListsEveryDifferingFieldAndChangesNothing() {
        Certificate certificate = selfDeclaredCertificate(0);
        long outbox = count("outbox");
        long audits = count("audit_entry");
        String otherSiret = Luhn.complete(certificate.siret().substring(0, 9) + "0000");
        String line = String.join(
                        ",",
                        certificate.authority(),
                        certificate.reference(),
                        otherSiret,
                        "",
                        "",
                        certificate.issued().toString(),
                        certificate.inspected().toString(),
                        certificate.validUntil().plusDays(1).toString(),
                        "1.3.1.9")
                + "\n";

        Report report = importCsv(HEADER + line, false);

        assertThat(report.matches()).isEmpty();
        assertThat(report.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.evidenceId()).isEqualTo(certificate.id());
            assertThat(mismatch.line()).isEqualTo(2);
            assertThat(mismatch.differences())
                    .containsExactly(
                            new Difference("siret", otherSiret, certificate.siret()),
                            new Difference(
                                    "valid_until",
                                    certificate.validUntil().plusDays(1).toString(),
                                    certificate.validUntil().toString()),
                            new Difference(
                                    "scope", "1.3.1.9", certificate.scope().replace("|", " | ")));
        });
        assertThat(verification(certificate.id())).isEqualTo("SELF_DECLARED");
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(count("audit_entry")).isEqualTo(audits);
    }

    @Test
    void unknownReferencesAreReported() {
        Certificate certificate = selfDeclaredCertificate(0);
        // The right reference under another authority is another piece of evidence: unknown.
        Report report = importCsv(
                HEADER + "ANSM,NO-SUCH-REF,,,,,,,\n" + certificate.line().replaceFirst("^[^,]+", "FDA"), true);

        assertThat(report.unknown())
                .extracting(RegisterExtract.Unknown::line, RegisterExtract.Unknown::reference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "NO-SUCH-REF"),
                        org.assertj.core.groups.Tuple.tuple(3, certificate.reference()));
        assertThat(report.matches()).isEmpty();
    }

    @Test
    void aParseErrorAppliesNothingNotEvenTheValidLines() {
        Certificate first = selfDeclaredCertificate(0);
        Certificate second = selfDeclaredCertificate(1);
        long outbox = count("outbox");

        Report report = importCsv(
                HEADER + first.line() + second.line().replace(second.issued().toString(), "31/02/2025"), false);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.column()).isEqualTo("issued");
        });
        assertThat(report.matches()).isEmpty();
        assertThat(verification(first.id())).isEqualTo("SELF_DECLARED");
        assertThat(count("outbox")).isEqualTo(outbox);
    }

    @Test
    void aDryRunReportsTheMatchAndWritesNothing() {
        Certificate certificate = selfDeclaredCertificate(0);
        long outbox = count("outbox");

        Report report = importCsv(HEADER + certificate.line() + certificate.line(), true);

        // The same line twice: the second finds the evidence as good as matched by the first.
        assertThat(report.matches()).extracting(Match::already).containsExactly(false, true);
        assertThat(report.applied()).isZero();
        assertThat(verification(certificate.id())).isEqualTo("SELF_DECLARED");
        assertThat(count("outbox")).isEqualTo(outbox);
    }

    @Test
    void onlyPlatformAdminsImport() {
        Certificate certificate = selfDeclaredCertificate(0);
        PortalUser trainee = user(admin.personId() + 100_000, "someone", EnumSet.noneOf(PlatformRole.class));

        assertThatThrownBy(() -> registerExtract.importExtract(
                        trainee, (HEADER + certificate.line()).getBytes(StandardCharsets.UTF_8), false, Locale.ENGLISH))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(verification(certificate.id())).isEqualTo("SELF_DECLARED");
    }

    // --- The sample extract ----------------------------------------------------------------------------------------

    @Test
    void theSampleIsTheGeneratorsOutputForTheDemoCatalogue() throws IOException {
        String expected = RegisterExtractSample.csv(DemoCatalogue.demo(RegisterExtractSample.DAY));

        assertThat(Files.readString(RegisterExtractSample.FILE, StandardCharsets.UTF_8))
                .as("the sample extract drifted from DemoCatalogue: run RegisterExtractSample.main to write it again")
                .isEqualTo(expected);
        // The demo may be seeded on any day: its evidence, hence the sample, must not depend on it.
        assertThat(RegisterExtractSample.csv(DemoCatalogue.demo(RegisterExtractSample.DAY.plusYears(2))))
                .isEqualTo(expected);
    }

    @Test
    void theSampleMatchesTheSeededDemoCatalogue() throws IOException {
        long outbox = count("outbox");
        long registryMatched = count("gmp_evidence where verification = 'REGISTRY_MATCHED'");

        Report report = registerExtract.importExtract(admin, sample(), true, Locale.ENGLISH);

        assertThat(report.errors()).isEmpty();
        assertThat(report.matches()).hasSize(RegisterExtractSample.MATCHES);
        assertThat(report.mismatches()).hasSize(RegisterExtractSample.MISMATCHES);
        assertThat(report.unknown()).hasSize(RegisterExtractSample.UNKNOWN);
        // One deliberate difference per mismatching line, each of another kind.
        assertThat(report.mismatches())
                .allSatisfy(mismatch -> assertThat(mismatch.differences()).hasSize(1));
        assertThat(report.mismatches().stream()
                        .map(mismatch -> mismatch.differences().getFirst().field())
                        .toList())
                .containsExactlyInAnyOrder("valid_until", "scope", "siret", "inspected");
        // The demo has evidence at every level: some sample lines are already registry-matched, most are not.
        assertThat(report.alreadyMatched()).isPositive().isLessThan(RegisterExtractSample.MATCHES);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(count("gmp_evidence where verification = 'REGISTRY_MATCHED'"))
                .isEqualTo(registryMatched);

        Report applied = registerExtract.importExtract(admin, sample(), false, Locale.ENGLISH);

        assertThat(applied.applied()).isEqualTo(RegisterExtractSample.MATCHES - report.alreadyMatched());
        assertThat(count("gmp_evidence where verification = 'REGISTRY_MATCHED'"))
                .isEqualTo(registryMatched + applied.applied());
    }

    // --- The back-office page --------------------------------------------------------------------------------------

    @Test
    void theBackOfficePageUploadsAndReports() throws Exception {
        MockHttpSession session = session(admin);

        mvc.perform(get("/admin/moderation/registre").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("fr-upload-group")))
                .andExpect(content().string(containsString("/admin/moderation/registre/exemple.csv")))
                .andExpect(content().string(containsString("checked")));
        mvc.perform(get("/admin/moderation/registre/exemple.csv").session(session))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().bytes(sample()));
        long outbox = count("outbox");
        mvc.perform(multipart("/admin/moderation/registre")
                        .file(new MockMultipartFile("file", "extrait.csv", "text/csv", sample()))
                        .param("dryRun", "true")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("register-matches")))
                .andExpect(content().string(containsString("register-mismatches")))
                .andExpect(content().string(containsString("register-unknown")))
                .andExpect(content().string(containsString("DEMO-2025-90001")));
        assertThat(count("outbox")).isEqualTo(outbox);
        mvc.perform(multipart("/admin/moderation/registre")
                        .file(new MockMultipartFile(
                                "file",
                                "bad.csv",
                                "text/csv",
                                (HEADER + "ANSM,X,,,,2025-02-30,,,\n").getBytes(StandardCharsets.UTF_8)))
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("register-errors")))
                .andExpect(content().string(containsString("2025-02-30")))
                .andExpect(content().string(not(containsString("register-matches"))));
        mvc.perform(multipart("/admin/moderation/registre").session(session).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("register-file-error")));
    }

    @Test
    void nonAdminsGet403AndChangeNothing() throws Exception {
        Certificate certificate = selfDeclaredCertificate(0);
        long personId = jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', 'register-member', 'Member', 'register-member@example.org',
                                current_timestamp, current_timestamp)
                        on conflict (issuer, subject) do update set name = excluded.name
                        returning id
                        """).query(Long.class).single();
        MockHttpSession session = session(user(personId, "register-member", EnumSet.noneOf(PlatformRole.class)));

        mvc.perform(get("/admin/moderation/registre").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/moderation/registre/exemple.csv").session(session))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/admin/moderation/registre")
                        .file(new MockMultipartFile(
                                "file",
                                "extrait.csv",
                                "text/csv",
                                (HEADER + certificate.line()).getBytes(StandardCharsets.UTF_8)))
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(verification(certificate.id())).isEqualTo("SELF_DECLARED");
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------

    private Report importCsv(String csv, boolean dryRun) {
        return registerExtract.importExtract(admin, csv.getBytes(StandardCharsets.UTF_8), dryRun, Locale.ENGLISH);
    }

    /** The n-th self-declared certificate (by id) of a site that has a SIRET and a scope. */
    private Certificate selfDeclaredCertificate(int n) {
        return jdbc.sql("""
                        select e.id, e.site_id, e.authority, e.reference, s.siret, e.issued, e.inspected,
                               e.valid_until, array_to_string(array(select unnest(e.scope_codes) order by 1), '|')
                          from gmp_evidence e join site s on s.id = e.site_id
                         where e.kind = 'GMP_CERTIFICATE' and coalesce(e.verification, 'SELF_DECLARED') = 'SELF_DECLARED'
                           and s.siret is not null and e.scope_codes is not null
                         order by e.id offset :n limit 1
                        """)
                .param("n", n)
                .query((rs, i) -> new Certificate(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getDate(6).toLocalDate(),
                        rs.getDate(7).toLocalDate(),
                        rs.getDate(8).toLocalDate(),
                        rs.getString(9)))
                .single();
    }

    private String verification(long evidenceId) {
        return jdbc.sql("select coalesce(verification, 'SELF_DECLARED') from gmp_evidence where id = :id")
                .param("id", evidenceId)
                .query(String.class)
                .single();
    }

    private int siteVersion(long siteId) {
        return jdbc.sql("select version from site where id = :id")
                .param("id", siteId)
                .query(Integer.class)
                .single();
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }

    private static byte[] sample() throws IOException {
        return new ClassPathResource("catalogue/demo/register-extract.csv").getContentAsByteArray();
    }

    private static PortalUser user(long personId, String subject, Set<PlatformRole> roles) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject(subject)
                .claim("name", subject)
                .build();
        return new PortalUser(new DefaultOidcUser(List.of(), idToken), personId, subject, roles);
    }

    private static MockHttpSession session(PortalUser user) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new OAuth2AuthenticationToken(user, user.getAuthorities(), "guichet"));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        return session;
    }
}
