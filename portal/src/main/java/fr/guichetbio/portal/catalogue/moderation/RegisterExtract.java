package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.VerificationLevel;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Import of a register extract (CSV exported from a national register such as EudraGMDP, or typed in a spreadsheet):
 * each line names an authority and a reference; the evidence with the same authority and reference is
 * {@link VerificationLevel#REGISTRY_MATCHED registry-matched} (through {@link EvidenceReviews}, the one owner of
 * verification levels) when its dates, scope and site identifiers agree with the line. The report lists matches,
 * mismatches (every differing field with the register's and the listing's value; nothing is changed) and unknown
 * references.
 *
 * <p>The file is UTF-8 (a byte order mark is ignored), separated by commas or semicolons (French spreadsheets), the
 * separator being read from the header. Any parse error — named by line and column in the reader's language — means
 * nothing is applied, not even the valid lines. All changes are made in one transaction.
 */
@Service
public class RegisterExtract {

    /** The columns of an extract, in the order of the sample; header names are case-insensitive. */
    public static final List<String> COLUMNS = List.of(
            "authority",
            "reference",
            "siret",
            "oms_location_id",
            "fda_fei",
            "issued",
            "inspected",
            "valid_until",
            "scope");

    /** One line of the extract, its values checked. Blank values are {@code null}; the scope is a set. */
    public record Line(
            int number,
            String authority,
            String reference,
            String siret,
            String omsLocationId,
            String fdaFei,
            LocalDate issued,
            LocalDate inspected,
            LocalDate validUntil,
            Set<String> scope) {}

    /** A problem of the file: its line (1 = header), the column's name (or {@code null}) and a message. */
    public record ParseError(int line, String column, String message) {}

    /** The extract's lines, or the problems that keep it from being applied. */
    public record Parsed(List<Line> lines, List<ParseError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** A field on which the register and the listing differ; values as shown ({@code null} when blank). */
    public record Difference(String field, String register, String listing) {}

    /** A line confirmed by the listing; {@code already} when the evidence was registry-matched before. */
    public record Match(
            int line,
            String authority,
            String reference,
            long evidenceId,
            String siteKey,
            String siteName,
            boolean already) {}

    /** A line whose evidence exists but differs: nothing is changed. */
    public record Mismatch(
            int line,
            String authority,
            String reference,
            long evidenceId,
            String siteKey,
            String siteName,
            List<Difference> differences) {}

    /** A line whose authority and reference name no evidence of the catalogue. */
    public record Unknown(int line, String authority, String reference) {}

    /** What the import found, and (unless a dry run or an error) applied. */
    public record Report(
            boolean dryRun,
            List<ParseError> errors,
            List<Match> matches,
            List<Mismatch> mismatches,
            List<Unknown> unknown) {

        static Report failed(boolean dryRun, List<ParseError> errors) {
            return new Report(dryRun, List.copyOf(errors), List.of(), List.of(), List.of());
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** Evidence raised to registry-matched by this import (none in a dry run). */
        public long applied() {
            return dryRun
                    ? 0
                    : matches.stream().filter(match -> !match.already()).count();
        }

        public long alreadyMatched() {
            return matches.stream().filter(Match::already).count();
        }
    }

    /** A piece of evidence with its site's identifiers, as compared with a line. */
    private record Candidate(
            long id,
            String authority,
            String reference,
            LocalDate issued,
            LocalDate inspected,
            LocalDate validUntil,
            Set<String> scope,
            VerificationLevel verification,
            String siteKey,
            String siteName,
            String siret,
            String omsLocationId,
            String fdaFei) {}

    private final JdbcClient jdbc;
    private final EvidenceReviews reviews;
    private final OrganisationAccess access;
    private final MessageSource messages;
    private final RegisterExtractParser parser;

    RegisterExtract(
            JdbcClient jdbc,
            EvidenceReviews reviews,
            OrganisationAccess access,
            MessageSource messages,
            RegisterExtractParser parser) {
        this.parser = parser;
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.access = access;
        this.messages = messages;
    }

    /**
     * Reads the extract and compares it with the catalogue; unless {@code dryRun}, marks every match
     * registry-matched. Platform admins (moderators) only. Nothing is written when the file has an error.
     */
    @Transactional
    public Report importExtract(PortalUser moderator, byte[] content, boolean dryRun, Locale locale) {
        access.requirePlatformAdmin(moderator);
        Parsed parsed = parse(content, locale);
        if (!parsed.ok()) {
            return Report.failed(dryRun, parsed.errors());
        }
        Map<String, List<Candidate>> candidates = candidates(parsed.lines(), !dryRun);
        List<Match> matches = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        List<Unknown> unknown = new ArrayList<>();
        Set<Long> matchedNow = new HashSet<>();
        for (Line line : parsed.lines()) {
            List<Candidate> found = candidates.getOrDefault(key(line.authority(), line.reference()), List.of());
            if (found.isEmpty()) {
                unknown.add(new Unknown(line.number(), line.authority(), line.reference()));
                continue;
            }
            // The same reference may exist on two sites (a copy-paste in a listing): the line confirms those that
            // agree with it; if none does, the closest one is reported.
            List<Candidate> agreeing = found.stream()
                    .filter(candidate -> differences(line, candidate).isEmpty())
                    .toList();
            if (agreeing.isEmpty()) {
                Candidate closest = found.stream()
                        .min(Comparator.comparingInt((Candidate candidate) ->
                                        differences(line, candidate).size())
                                .thenComparingLong(Candidate::id))
                        .orElseThrow();
                mismatches.add(new Mismatch(
                        line.number(),
                        line.authority(),
                        line.reference(),
                        closest.id(),
                        closest.siteKey(),
                        closest.siteName(),
                        differences(line, closest)));
                continue;
            }
            for (Candidate candidate : agreeing) {
                boolean already = candidate.verification() == VerificationLevel.REGISTRY_MATCHED
                        || matchedNow.contains(candidate.id());
                if (!already && !dryRun) {
                    reviews.markRegistryMatched(
                            moderator,
                            candidate.id(),
                            messages.getMessage(
                                    "admin.moderation.register.note", new Object[] {line.number()}, locale));
                }
                // A later line naming the same evidence finds it matched (or, in a dry run, as good as matched).
                matchedNow.add(candidate.id());
                matches.add(new Match(
                        line.number(),
                        line.authority(),
                        line.reference(),
                        candidate.id(),
                        candidate.siteKey(),
                        candidate.siteName(),
                        already));
            }
        }
        return new Report(dryRun, List.of(), List.copyOf(matches), List.copyOf(mismatches), List.copyOf(unknown));
    }

    /** Decodes (strict UTF-8, byte order mark ignored) and parses an extract. */
    public Parsed parse(byte[] content, Locale locale) {
        return parser.parse(content, locale);
    }

    /** Parses an extract already decoded. */
    public Parsed parse(String text, Locale locale) {
        return parser.parse(text, locale);
    }

    /** Every piece of evidence named by a line, by lower-cased authority and reference; locked when applying. */
    private Map<String, List<Candidate>> candidates(List<Line> lines, boolean lock) {
        if (lines.isEmpty()) {
            return Map.of();
        }
        Set<String> references = lines.stream()
                .map(line -> line.reference().strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        String sql = """
                select e.id, e.authority, e.reference, e.issued, e.inspected, e.valid_until, e.scope_codes,
                       coalesce(e.verification, 'SELF_DECLARED') verification,
                       s.site_key, s.name, s.siret, s.oms_location_id, s.fda_fei
                  from gmp_evidence e join site s on s.id = e.site_id
                 where lower(trim(e.reference)) in (:references)
                 order by e.id
                """ + (lock ? " for update of e" : "");
        List<Candidate> rows = jdbc.sql(sql)
                .param("references", List.copyOf(references))
                .query((rs, n) -> new Candidate(
                        rs.getLong("id"),
                        rs.getString("authority"),
                        rs.getString("reference"),
                        localDate(rs.getDate("issued")),
                        localDate(rs.getDate("inspected")),
                        localDate(rs.getDate("valid_until")),
                        codes(rs, "scope_codes"),
                        VerificationLevel.valueOf(rs.getString("verification")),
                        rs.getString("site_key"),
                        rs.getString("name"),
                        trimmed(rs.getString("siret")),
                        trimmed(rs.getString("oms_location_id")),
                        trimmed(rs.getString("fda_fei"))))
                .list();
        Map<String, List<Candidate>> byKey = new LinkedHashMap<>();
        for (Candidate candidate : rows) {
            byKey.computeIfAbsent(key(candidate.authority(), candidate.reference()), k -> new ArrayList<>())
                    .add(candidate);
        }
        return byKey;
    }

    /** The fields on which the line and the evidence differ, in the column order; site identifiers only if given. */
    private static List<Difference> differences(Line line, Candidate evidence) {
        List<Difference> differences = new ArrayList<>();
        if (line.siret() != null && !line.siret().equals(evidence.siret())) {
            differences.add(new Difference("siret", line.siret(), evidence.siret()));
        }
        if (line.omsLocationId() != null
                && !line.omsLocationId().equalsIgnoreCase(nullToEmpty(evidence.omsLocationId()))) {
            differences.add(new Difference("oms_location_id", line.omsLocationId(), evidence.omsLocationId()));
        }
        if (line.fdaFei() != null && !line.fdaFei().equals(evidence.fdaFei())) {
            differences.add(new Difference("fda_fei", line.fdaFei(), evidence.fdaFei()));
        }
        compare(differences, "issued", line.issued(), evidence.issued());
        compare(differences, "inspected", line.inspected(), evidence.inspected());
        compare(differences, "valid_until", line.validUntil(), evidence.validUntil());
        if (!line.scope().equals(evidence.scope())) {
            differences.add(new Difference("scope", scopeText(line.scope()), scopeText(evidence.scope())));
        }
        return differences;
    }

    private static void compare(List<Difference> differences, String field, LocalDate register, LocalDate listing) {
        if (!Objects.equals(register, listing)) {
            differences.add(new Difference(field, Objects.toString(register, null), Objects.toString(listing, null)));
        }
    }

    private static String scopeText(Set<String> scope) {
        return scope.isEmpty() ? null : String.join(" | ", new TreeSet<>(scope));
    }

    private static String key(String authority, String reference) {
        return authority.strip().toLowerCase(Locale.ROOT)
                + '\u0000'
                + reference.strip().toLowerCase(Locale.ROOT);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Set<String> codes(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return Set.of();
        }
        Set<String> codes = new TreeSet<>();
        for (Object code : (Object[]) array.getArray()) {
            if (code != null && !code.toString().isBlank()) {
                codes.add(code.toString().strip());
            }
        }
        return Set.copyOf(codes);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
