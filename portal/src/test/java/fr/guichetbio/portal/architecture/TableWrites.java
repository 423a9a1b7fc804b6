package fr.guichetbio.portal.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL writes (INSERT, UPDATE, DELETE, upsert) that main code spells out, with the module whose package holds them.
 * Read from the source text: the statements are literals in the repositories, so what the code writes is what it says.
 */
record TableWrites(List<Write> writes) {

    /** One statement naming a table it writes, in a module's file. */
    record Write(String module, String table, String file, int line) {
        @Override
        public String toString() {
            return "%s:%d (module %s) writes %s".formatted(file, line, module, table);
        }
    }

    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:insert\\s+into|update|delete\\s+from)\\s+([a-z_][a-z0-9_]*)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** Every Java file under the folder, its module named by the package segment after the base package. */
    static TableWrites scan(Path sources, String basePackage) {
        try (Stream<Path> files = Files.walk(sources)) {
            List<Write> writes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                writes.addAll(scan(Files.readString(file, StandardCharsets.UTF_8), file.toString(), basePackage));
            }
            return new TableWrites(writes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The writes of one source text. Words after "update" that name no table (a comment's prose) are filtered later. */
    static List<Write> scan(String source, String file, String basePackage) {
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
            return List.of();
        }
        String module = moduleOf(pkg.group(1), basePackage);
        List<Write> writes = new ArrayList<>();
        Matcher write = WRITE.matcher(source);
        while (write.find()) {
            int line = (int) source.substring(0, write.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            writes.add(new Write(module, write.group(1).toLowerCase(Locale.ROOT), file, line));
        }
        return writes;
    }

    /** The writes to tables of the map that the map gives to another module. */
    List<Write> foreign(Map<String, String> owners) {
        return writes.stream()
                .filter(write -> owners.containsKey(write.table()))
                .filter(write -> !owners.get(write.table()).equals(write.module()))
                .toList();
    }

    private static String moduleOf(String packageName, String basePackage) {
        if (!packageName.startsWith(basePackage + ".")) {
            return packageName;
        }
        String rest = packageName.substring(basePackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
