package fr.guichetbio.infra.images;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An image tar as Jib's {@code buildTar} writes it (the {@code docker save} layout: {@code manifest.json}, the config
 * and gzipped layer tars), read into memory: the config, and every layer entry with its owner, mode and content
 * (content kept for small files only). A tar reader of its own (ustar + PAX headers) keeps the module free of
 * dependencies beyond the test starter.
 */
record ImageTar(DocumentContext config, List<String> repoTags, Map<String, Entry> files) {

    /** Entries' content is kept up to this size (passwd, class path file…), not for jars and libraries. */
    private static final int KEPT_CONTENT = 64 * 1024;

    /** One path of the image as the last layer that has it leaves it. */
    record Entry(String path, char type, int mode, int uid, int gid, long size, byte[] content) {

        boolean isDirectory() {
            return type == '5';
        }

        boolean isRegularFile() {
            return type == '0' || type == '\0';
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static ImageTar read(Path tar) throws IOException {
        Map<String, byte[]> outer = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            for (Entry entry : entries(in, Integer.MAX_VALUE)) {
                outer.put(entry.path(), entry.content());
            }
        }
        DocumentContext manifest = JsonPath.parse(new String(outer.get("/manifest.json"), StandardCharsets.UTF_8));
        String configName = manifest.read("$[0].Config");
        List<String> layers = manifest.read("$[0].Layers");
        List<String> tags = manifest.read("$[0].RepoTags");
        DocumentContext config = JsonPath.parse(new String(outer.get("/" + configName), StandardCharsets.UTF_8));
        Map<String, Entry> files = new LinkedHashMap<>();
        for (String layer : layers) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(outer.get("/" + layer)))) {
                for (Entry entry : entries(in, KEPT_CONTENT)) {
                    files.put(entry.path(), entry);
                }
            }
        }
        return new ImageTar(config, tags, files);
    }

    /** The entries of one tar stream; PAX extended headers ('x') override the next entry's path, size and owner. */
    private static List<Entry> entries(InputStream in, int keep) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> pax = Map.of();
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            char type = (char) header[156];
            long size = octal(header, 124, 12);
            int mode = (int) octal(header, 100, 8);
            int uid = (int) octal(header, 108, 8);
            int gid = (int) octal(header, 116, 8);
            size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : size;
            byte[] content = read(in, size, type == 'x' ? Integer.MAX_VALUE : keep);
            if (type == 'x') {
                pax = paxRecords(content);
                continue;
            }
            String path = pax.getOrDefault("path", prefix.isEmpty() ? name : prefix + "/" + name);
            uid = pax.containsKey("uid") ? Integer.parseInt(pax.get("uid")) : uid;
            gid = pax.containsKey("gid") ? Integer.parseInt(pax.get("gid")) : gid;
            pax = Map.of();
            path = "/" + path.replaceFirst("^\\./", "").replaceFirst("/$", "");
            entries.add(new Entry(path, type, mode, uid, gid, size, content));
        }
        return entries;
    }

    /** The entry's data (padded to 512 bytes), kept when at most {@code keep} bytes long. */
    private static byte[] read(InputStream in, long size, int keep) throws IOException {
        long padded = (size + 511) / 512 * 512;
        if (size <= keep) {
            byte[] data = in.readNBytes((int) size);
            in.skipNBytes(padded - size);
            return data;
        }
        in.skipNBytes(padded);
        return new byte[0];
    }

    private static Map<String, String> paxRecords(byte[] data) {
        Map<String, String> records = new LinkedHashMap<>();
        String text = new String(data, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            int equals = line.indexOf('=');
            if (space > 0 && equals > space) {
                records.put(line.substring(space + 1, equals), line.substring(equals + 1));
            }
        }
        return records;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = string(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
