package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.catalogue.RegisterCsv.CsvRow;
import fr.guichetbio.portal.catalogue.Vocabulary.VerificationLevel;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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

    /** Site identifiers are optional columns: a register does not always know them. */
    static final Set<String> REQUIRED_COLUMNS =
            Set.of("authority", "reference", "issued", "inspected", "valid_until", "scope");

    /** A register extract is a few thousand lines at most; beyond, it is probably the wrong file. */
    static final int MAX_LINES = 50_000;

    private static final Pattern SCOPE_CODE = Pattern.compile("^[0-9]+(\\.[0-9]+){1,3}$");
    private static final Pattern SIRET = Pattern.compile("^[0-9]{14}$");
    private static final Pattern FDA_FEI = Pattern.compile("^[0-9]{7,10}$");
    private static final DateTimeFormatter FRENCH_DATE =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

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

    RegisterExtract(JdbcClient jdbc, EvidenceReviews reviews, OrganisationAccess access, MessageSource messages) {
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
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return parse(decoder.decode(ByteBuffer.wrap(content)).toString(), locale);
        } catch (CharacterCodingException e) {
            // Typically a spreadsheet saved as Windows-1252: say so rather than import mangled references.
            return new Parsed(
                    List.of(), List.of(new ParseError(firstBadLine(content), null, message(locale, "error.encoding"))));
        }
    }

    /** Parses an extract already decoded. */
    public Parsed parse(String text, Locale locale) {
        List<ParseError> errors = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            return new Parsed(List.of(), List.of(new ParseError(1, null, message(locale, "error.empty"))));
        }
        char separator = separator(body);
        List<CsvRow> rows = RegisterCsv.read(body, separator);
        CsvRow header = rows.getFirst();
        if (header.problem() != null) {
            errors.add(csvError(header, List.of(), locale));
            return new Parsed(List.of(), errors);
        }
        List<String> columns = header.fields().stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            if (!COLUMNS.contains(name)) {
                errors.add(new ParseError(
                        1,
                        header.fields().get(c).strip(),
                        message(
                                locale,
                                "error.unknownColumn",
                                header.fields().get(c).strip(),
                                String.join(", ", COLUMNS))));
            } else if (columns.indexOf(name) != c) {
                errors.add(new ParseError(1, name, message(locale, "error.duplicateColumn", name)));
            }
        }
        for (String required : COLUMNS) {
            if (REQUIRED_COLUMNS.contains(required) && !columns.contains(required)) {
                errors.add(new ParseError(1, required, message(locale, "error.missingColumn", required)));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), errors);
        }
        List<Line> lines = new ArrayList<>();
        for (CsvRow row : rows.subList(1, rows.size())) {
            if (row.problem() == null && row.fields().stream().allMatch(String::isBlank)) {
                continue;
            }
            if (lines.size() >= MAX_LINES) {
                errors.add(new ParseError(row.line(), null, message(locale, "error.tooManyLines", MAX_LINES)));
                break;
            }
            if (row.problem() != null) {
                errors.add(csvError(row, columns, locale));
                continue;
            }
            if (row.fields().size() != columns.size()) {
                errors.add(new ParseError(
                        row.line(),
                        null,
                        message(locale, "error.fieldCount", row.fields().size(), columns.size())));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String value = row.fields().get(c).strip();
                values.put(columns.get(c), value.isEmpty() ? null : value);
            }
            Line line = line(row.line(), values, errors, locale);
            if (line != null) {
                lines.add(line);
            }
        }
        return new Parsed(List.copyOf(lines), List.copyOf(errors));
    }

    private Line line(int number, Map<String, String> values, List<ParseError> errors, Locale locale) {
        int before = errors.size();
        String authority = values.get("authority");
        if (authority == null) {
            errors.add(new ParseError(number, "authority", message(locale, "error.required")));
        } else if (authority.length() < 2 || authority.length() > 40) {
            errors.add(new ParseError(number, "authority", message(locale, "error.length", 2, 40)));
        }
        String reference = values.get("reference");
        if (reference == null) {
            errors.add(new ParseError(number, "reference", message(locale, "error.required")));
        } else if (reference.length() > 80) {
            errors.add(new ParseError(number, "reference", message(locale, "error.length", 1, 80)));
        }
        // Spreadsheets show SIRETs grouped by spaces ("123 456 789 00012"): the digits are what count.
        String siret = values.get("siret") == null ? null : values.get("siret").replaceAll("[\\s\\u00A0\\u202F]", "");
        if (siret != null && !SIRET.matcher(siret).matches()) {
            errors.add(new ParseError(number, "siret", message(locale, "error.siret", values.get("siret"))));
        }
        String omsLocationId = values.get("oms_location_id");
        if (omsLocationId != null && omsLocationId.length() > 40) {
            errors.add(new ParseError(number, "oms_location_id", message(locale, "error.length", 1, 40)));
        }
        String fdaFei = values.get("fda_fei");
        if (fdaFei != null && !FDA_FEI.matcher(fdaFei).matches()) {
            errors.add(new ParseError(number, "fda_fei", message(locale, "error.fdaFei", fdaFei)));
        }
        LocalDate issued = date(number, "issued", values.get("issued"), errors, locale);
        LocalDate inspected = date(number, "inspected", values.get("inspected"), errors, locale);
        LocalDate validUntil = date(number, "valid_until", values.get("valid_until"), errors, locale);
        Set<String> scope = new TreeSet<>();
        if (values.get("scope") != null) {
            for (String code : values.get("scope").split("\\|", -1)) {
                String trimmed = code.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!SCOPE_CODE.matcher(trimmed).matches()) {
                    errors.add(new ParseError(number, "scope", message(locale, "error.scope", trimmed)));
                } else {
                    scope.add(trimmed);
                }
            }
        }
        if (errors.size() != before) {
            return null;
        }
        return new Line(
                number,
                authority,
                reference,
                siret,
                omsLocationId,
                fdaFei,
                issued,
                inspected,
                validUntil,
                Set.copyOf(scope));
    }

    /** ISO dates (2026-03-31), or the French form spreadsheets turn them into (31/03/2026). */
    private LocalDate date(int line, String column, String value, List<ParseError> errors, Locale locale) {
        if (value == null) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value, FRENCH_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new ParseError(line, column, message(locale, "error.date", value)));
            return null;
        }
    }

    private ParseError csvError(CsvRow row, List<String> columns, Locale locale) {
        String column = row.problemColumn() < columns.size()
                ? columns.get(row.problemColumn())
                : message(locale, "column.number", row.problemColumn() + 1);
        return new ParseError(row.problemLine(), column, message(locale, "error." + row.problem()));
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

    /** The header decides: French spreadsheets write {@code ;}, others {@code ,}. */
    static char separator(String text) {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static int firstBadLine(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                try {
                    decoder.decode(ByteBuffer.wrap(Arrays.copyOfRange(content, start, i)));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 1;
    }

    private String message(Locale locale, String key, Object... args) {
        return messages.getMessage("admin.moderation.register." + key, args, locale);
    }
}
