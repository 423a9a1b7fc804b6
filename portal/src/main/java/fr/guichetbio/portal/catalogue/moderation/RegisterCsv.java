package fr.guichetbio.portal.catalogue.moderation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a register extract's records with Apache Commons CSV (RFC 4180: quoted fields may hold the separator, line
 * breaks and doubled quotes; blanks around a quoted field are ignored), numbering them by the file's physical lines.
 * A record Commons CSV refuses is reported with its problem, the line and the column where it was met, and reading
 * goes on at the next line: text after a closing quote spoils one record, an opening quote never closed the rest of
 * the file.
 */
final class RegisterCsv {

    /**
     * One record of the file: its first line, its fields, or the structural problem met while reading it
     * ({@code unterminatedQuote}, {@code textAfterQuote}) with the line and the index of the column where it was met.
     */
    record CsvRow(int line, List<String> fields, String problem, int problemLine, int problemColumn) {}

    private RegisterCsv() {}

    static List<CsvRow> read(String text, char separator) {
        CSVFormat strict = format(separator, false);
        CSVFormat openAtEnd = format(separator, true);
        int[] lineStarts = lineStarts(text);
        List<CsvRow> rows = new ArrayList<>();
        int offset = 0;
        while (offset < text.length()) {
            int next = text.length();
            try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(offset)), strict)) {
                Iterator<CSVRecord> records = parser.iterator();
                long linesRead = 0;
                try {
                    while (records.hasNext()) {
                        CSVRecord record = records.next();
                        int start = offset + (int) record.getCharacterPosition();
                        rows.add(new CsvRow(line(lineStarts, start), List.of(record.values()), null, 0, 0));
                        linesRead = parser.getCurrentLineNumber();
                    }
                } catch (UncheckedIOException refused) {
                    int start = recordStart(text, lineStarts, line(lineStarts, offset) + (int) linesRead);
                    next = problem(text, start, openAtEnd, lineStarts, rows);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            offset = next;
        }
        if (rows.isEmpty()) {
            rows.add(new CsvRow(1, List.of(""), null, 0, 0));
        }
        return rows;
    }

    /**
     * Reports the record at {@code start} that the strict reading refused, and returns where reading goes on. Read
     * again leniently about an open quote at the end of the file: if that reads it, its last field's quote is never
     * closed; otherwise text follows a closing quote, found as the shortest beginning of the record that the lenient
     * reading refuses too.
     */
    private static int problem(String text, int start, CSVFormat openAtEnd, int[] lineStarts, List<CsvRow> rows) {
        String rest = text.substring(start);
        int line = line(lineStarts, start);
        Optional<List<String>> unterminated = firstRecord(rest, openAtEnd);
        if (unterminated.isPresent()) {
            List<String> fields = unterminated.get();
            String last = fields.getLast();
            // The raw field after its opening quote is its value with every quote doubled again.
            int quote = rest.length()
                    - last.length()
                    - (int) last.chars().filter(c -> c == '"').count()
                    - 1;
            rows.add(new CsvRow(line, fields, "unterminatedQuote", line(lineStarts, start + quote), fields.size() - 1));
            return text.length();
        }
        int low = 1;
        int high = rest.length();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (firstRecord(rest.substring(0, middle), openAtEnd).isPresent()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int bad = start + low - 1;
        List<String> fields = firstRecord(rest.substring(0, low - 1), openAtEnd).orElse(List.of(""));
        int badLine = line(lineStarts, bad);
        rows.add(new CsvRow(line, fields, "textAfterQuote", badLine, fields.size() - 1));
        return badLine < lineStarts.length ? lineStarts[badLine] : text.length();
    }

    /** The fields of the text's first record, or empty when it is refused. */
    private static Optional<List<String>> firstRecord(String text, CSVFormat format) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            return Optional.of(records.hasNext() ? List.of(records.next().values()) : List.of(""));
        } catch (IOException | UncheckedIOException refused) {
            return Optional.empty();
        }
    }

    private static CSVFormat format(char separator, boolean lenientEof) {
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(separator)
                .setQuote('"')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setLenientEof(lenientEof)
                .get();
    }

    /** Where a record starting on {@code line} (1-based) begins: empty lines before it are skipped. */
    private static int recordStart(String text, int[] lineStarts, int line) {
        int index = Math.min(line, lineStarts.length) - 1;
        while (index + 1 < lineStarts.length && lineLength(text, lineStarts, index) == 0) {
            index++;
        }
        return lineStarts[index];
    }

    private static int lineLength(String text, int[] lineStarts, int index) {
        int end = index + 1 < lineStarts.length ? lineStarts[index + 1] : text.length();
        int length = end - lineStarts[index];
        while (length > 0
                && (text.charAt(lineStarts[index] + length - 1) == '\n'
                        || text.charAt(lineStarts[index] + length - 1) == '\r')) {
            length--;
        }
        return length;
    }

    /** The offsets at which the physical lines start (line breaks: CRLF, LF or CR). */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (i + 1 < text.length()) {
                    starts.add(i + 1);
                }
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of an offset. */
    private static int line(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }
}
