package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.catalogue.moderation.RegisterCsv.CsvRow;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.Line;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.ParseError;
import fr.guichetbio.portal.catalogue.moderation.RegisterExtract.Parsed;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Reads a register extract into checked lines: strict UTF-8, the separator read from the header, the columns of
 * {@link RegisterExtract#COLUMNS}, every value checked; every problem named by line and column in the reader's
 * language.
 */
@Component
class RegisterExtractParser {

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

    private final MessageSource messages;

    RegisterExtractParser(MessageSource messages) {
        this.messages = messages;
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
            if (!RegisterExtract.COLUMNS.contains(name)) {
                errors.add(new ParseError(
                        1,
                        header.fields().get(c).strip(),
                        message(
                                locale,
                                "error.unknownColumn",
                                header.fields().get(c).strip(),
                                String.join(", ", RegisterExtract.COLUMNS))));
            } else if (columns.indexOf(name) != c) {
                errors.add(new ParseError(1, name, message(locale, "error.duplicateColumn", name)));
            }
        }
        for (String required : RegisterExtract.COLUMNS) {
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
