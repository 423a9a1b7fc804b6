package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Address;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Bioreactor;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Identifiers;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Location;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Text;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.organisation.Slugs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A fictional but plausible catalogue/v1 document, the same for the same seed, size and day: the demo data of local
 * runs (about 60 organisations, 90 sites, nine in ten in France across its regions, the rest elsewhere in Europe) and
 * large catalogues for benchmarks (e.g. 10,000 sites). Names end with "(fictive)"; SIREN/SIRET numbers pass the Luhn
 * check but are random; open slots fall in the 8 quarters after the given day. The first organisation is the demo
 * CDMO of the demo accounts ({@code demo-cdmo}, see {@code organisation.DemoOrganisations}).
 */
public final class DemoCatalogue {

    public static final long SEED = 20261128L;
    public static final int ORGANISATIONS = 60;
    public static final int SITES = 90;
    public static final String DEMO_CDMO_KEY = "demo-cdmo";
    /** The latest inspection year of the demo's GMP certificates. */
    static final int EVIDENCE_YEAR = 2025;

    private record City(String name, String postalCode, String region, String country, double lat, double lon) {}

    private static final List<City> FRENCH = List.of(
            new City("Évry-Courcouronnes", "91000", "11", "FR", 48.629, 2.441),
            new City("Paris", "75013", "11", "FR", 48.829, 2.356),
            new City("Saclay", "91190", "11", "FR", 48.731, 2.170),
            new City("Romainville", "93230", "11", "FR", 48.885, 2.435),
            new City("Tours", "37000", "24", "FR", 47.394, 0.685),
            new City("Orléans", "45000", "24", "FR", 47.902, 1.909),
            new City("Besançon", "25000", "27", "FR", 47.238, 6.024),
            new City("Dijon", "21000", "27", "FR", 47.322, 5.041),
            new City("Rouen", "76000", "28", "FR", 49.443, 1.099),
            new City("Caen", "14000", "28", "FR", 49.183, -0.371),
            new City("Lille", "59000", "32", "FR", 50.629, 3.057),
            new City("Loos", "59120", "32", "FR", 50.611, 3.014),
            new City("Strasbourg", "67000", "44", "FR", 48.573, 7.752),
            new City("Illkirch-Graffenstaden", "67400", "44", "FR", 48.530, 7.715),
            new City("Nancy", "54000", "44", "FR", 48.692, 6.184),
            new City("Nantes", "44000", "52", "FR", 47.218, -1.553),
            new City("Angers", "49000", "52", "FR", 47.478, -0.563),
            new City("Rennes", "35000", "53", "FR", 48.117, -1.677),
            new City("Brest", "29200", "53", "FR", 48.390, -4.486),
            new City("Bordeaux", "33000", "75", "FR", 44.837, -0.579),
            new City("Limoges", "87000", "75", "FR", 45.833, 1.261),
            new City("Toulouse", "31000", "76", "FR", 43.604, 1.444),
            new City("Montpellier", "34000", "76", "FR", 43.610, 3.876),
            new City("Lyon", "69007", "84", "FR", 45.748, 4.846),
            new City("Marcy-l'Étoile", "69280", "84", "FR", 45.783, 4.716),
            new City("Grenoble", "38000", "84", "FR", 45.188, 5.724),
            new City("Clermont-Ferrand", "63000", "84", "FR", 45.777, 3.087),
            new City("Marseille", "13009", "93", "FR", 43.296, 5.370),
            new City("Nice", "06000", "93", "FR", 43.710, 7.262),
            new City("Ajaccio", "20000", "94", "FR", 41.919, 8.739),
            new City("Saint-Denis", "97400", "04", "FR", -20.882, 55.450),
            new City("Pointe-à-Pitre", "97110", "01", "FR", 16.241, -61.533));

    private static final List<City> EUROPEAN = List.of(
            new City("Gent", "9052", null, "BE", 51.054, 3.717),
            new City("Leuven", "3001", null, "BE", 50.879, 4.701),
            new City("Mainz", "55131", null, "DE", 49.993, 8.247),
            new City("Barcelona", "08028", null, "ES", 41.385, 2.173),
            new City("Milano", "20139", null, "IT", 45.464, 9.190),
            new City("Leiden", "2333", null, "NL", 52.160, 4.497),
            new City("Uppsala", "75237", null, "SE", 59.859, 17.639),
            new City("Cork", "T12", null, "IE", 51.898, -8.471),
            new City("København", "2100", null, "DK", 55.676, 12.568),
            new City("Basel", "4057", null, "CH", 47.560, 7.588));

    private static final List<String> AUTHORITIES = List.of(
            "BE:FAMHP", "DE:PEI", "ES:AEMPS", "IT:AIFA", "NL:IGJ", "SE:MPA", "IE:HPRA", "DK:DKMA", "CH:Swissmedic");

    /** Modalities with weights: antibodies and proteins first, then viral vectors, cell therapies, mRNA. */
    private static final List<Object[]> MODALITIES = List.of(
            new Object[] {"MAB", 25},
            new Object[] {"RECOMBINANT_PROTEIN", 20},
            new Object[] {"AAV", 8},
            new Object[] {"LENTIVIRUS", 6},
            new Object[] {"OTHER_VIRAL_VECTOR", 4},
            new Object[] {"GENE_MODIFIED_CELLS", 6},
            new Object[] {"CELL_THERAPY", 6},
            new Object[] {"MRNA_LNP", 6},
            new Object[] {"PLASMID_DNA", 5},
            new Object[] {"VACCINE", 6},
            new Object[] {"TISSUE_ENGINEERED", 2},
            new Object[] {"BLOOD_DERIVED", 2},
            new Object[] {"EXTRACTED_BIOLOGIC", 2},
            new Object[] {"OTHER_BIOLOGIC", 2});

    private static final List<Object[]> KINDS = List.of(
            new Object[] {"CDMO", 40},
            new Object[] {"CMO", 12},
            new Object[] {"CRO", 8},
            new Object[] {"ACADEMIC_PLATFORM", 15},
            new Object[] {"HOSPITAL_PLATFORM", 10},
            new Object[] {"INTEGRATED_PHARMA", 8},
            new Object[] {"BIOTECH", 7});

    private static final List<String> ROOTS = List.of(
            "Arverne",
            "Bioval",
            "Celtis",
            "Dunes",
            "Estuaire",
            "Ferrand",
            "Garonne",
            "Hélix",
            "Iroise",
            "Jura",
            "Kerlan",
            "Loire",
            "Mistral",
            "Nérée",
            "Oréade",
            "Pléiade",
            "Quercy",
            "Rhodanie",
            "Sèvre",
            "Tarn",
            "Ubaye",
            "Vercors",
            "Woëvre",
            "Yvette",
            "Zéphyr",
            "Alizé",
            "Bocage",
            "Causse",
            "Dordogne",
            "Émeraude");

    private static final List<String> SUFFIXES = List.of(
            "Biologics",
            "Bioproduction",
            "Biothérapies",
            "Cell Factory",
            "Vector Labs",
            "Protéines",
            "Bio-Industrie",
            "Thérapies innovantes");

    private DemoCatalogue() {}

    /** The demo catalogue of local runs: {@value #ORGANISATIONS} organisations, {@value #SITES} sites. */
    public static CatalogueDocument demo(LocalDate today) {
        return generate(SEED, ORGANISATIONS, SITES, today);
    }

    /**
     * A catalogue of {@code organisations} organisations sharing {@code sites} sites (each at least one), about one
     * site in nine outside France.
     */
    public static CatalogueDocument generate(long seed, int organisations, int sites, LocalDate today) {
        if (organisations < 1 || sites < organisations) {
            throw new IllegalArgumentException("at least one organisation, and at least one site per organisation");
        }
        Random random = new Random(seed);
        int[] siteCounts = new int[organisations];
        java.util.Arrays.fill(siteCounts, 1);
        for (int extra = sites - organisations; extra > 0; extra--) {
            siteCounts[random.nextInt(organisations)]++;
        }
        List<Org> orgs = new ArrayList<>(organisations);
        int siteNumber = 0;
        for (int o = 0; o < organisations; o++) {
            boolean demoCdmo = o == 0;
            String kind = demoCdmo ? "CDMO" : weighted(random, KINDS);
            String name = demoCdmo
                    ? "Démo CDMO (fictive)"
                    : ROOTS.get(random.nextInt(ROOTS.size())) + " " + SUFFIXES.get(random.nextInt(SUFFIXES.size()))
                            + " " + (o + 1) + " (fictive)";
            String key = demoCdmo ? DEMO_CDMO_KEY : slug(name);
            // About one site in nine abroad: whole organisations, so that SIREN and region stay consistent.
            boolean french = demoCdmo || random.nextInt(9) != 0;
            String siren = french && random.nextInt(5) != 0 ? Luhn.complete(digits(random, 8)) : null;
            List<Site> orgSites = new ArrayList<>();
            for (int s = 0; s < siteCounts[o]; s++) {
                siteNumber++;
                orgSites.add(site(random, key, name, siren, french, s, siteNumber, today));
            }
            String website =
                    demoCdmo ? "https://cdmo.demo.guichet-bio.example" : "https://" + key + ".demo.guichet-bio.example";
            Text description = demoCdmo
                    ? new Text(
                            "Organisation fictive de démonstration : un façonnier (CDMO) de médicaments biologiques.",
                            "Fictional demonstration organisation: a contract manufacturer (CDMO) of biologics.")
                    : new Text(
                            "Organisation fictive (" + kind + ") générée pour la démonstration du catalogue.",
                            "Fictional organisation (" + kind + ") generated to demonstrate the catalogue.");
            orgs.add(new Org(key, name, siren, kind, website, description, key + "@example.org", orgSites));
        }
        return new CatalogueDocument(CatalogueDocument.FORMAT, null, orgs);
    }

    private static Site site(
            Random random,
            String orgKey,
            String orgName,
            String siren,
            boolean french,
            int index,
            int number,
            LocalDate today) {
        City city = french ? FRENCH.get(random.nextInt(FRENCH.size())) : EUROPEAN.get(random.nextInt(EUROPEAN.size()));
        String key = (orgKey.length() > 50 ? orgKey.substring(0, 50) : orgKey) + "-s" + number;
        String baseName = orgName.replace(" (fictive)", "");
        String name = baseName + " — " + city.name() + " (fictive)";
        String siret = siren != null ? Luhn.complete(siren + digits(random, 4)) : null;
        Location location = new Location(
                coordinate(city.lat() + (random.nextDouble() - 0.5) * 0.05),
                coordinate(city.lon() + (random.nextDouble() - 0.5) * 0.05));
        Address address = new Address(
                (1 + random.nextInt(120)) + " rue de la Bioproduction",
                city.postalCode(),
                city.name(),
                city.region(),
                city.country());
        int capabilityCount = 1 + random.nextInt(3);
        Set<String> modalities = new LinkedHashSet<>();
        while (modalities.size() < capabilityCount) {
            modalities.add(weighted(random, MODALITIES));
        }
        boolean gmpSite = random.nextInt(4) != 0;
        List<Capability> capabilities = new ArrayList<>();
        // The site's own draws for technologies (added in December 2026): the rest of the demo stays as it was.
        Random technologyDraws = new Random(SEED * 31 + key.hashCode());
        for (String modality : modalities) {
            Capability capability = capability(random, modality, gmpSite);
            capabilities.add(orgKey.equals(DEMO_CDMO_KEY) ? capability : withTechnologies(capability, technologyDraws));
        }
        List<Evidence> evidence = new ArrayList<>();
        if (gmpSite) {
            String authority = french ? "ANSM" : authority(city.country());
            // Fixed years, not relative to the seeding day: the sample register extract (catalogue/demo/
            // register-extract.csv) names these references and dates and must keep matching whenever the demo is
            // seeded.
            int year = EVIDENCE_YEAR - random.nextInt(2);
            String[] levels = {"SELF_DECLARED", "DOCUMENT_CHECKED", "REGISTRY_MATCHED"};
            LocalDate inspected = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            evidence.add(new Evidence(
                    "GMP_CERTIFICATE",
                    authority,
                    "DEMO-" + year + "-" + String.format(Locale.ROOT, "%05d", number),
                    inspected.plusDays(30 + random.nextInt(60)).toString(),
                    inspected.toString(),
                    inspected.plusYears(3).toString(),
                    scopeCodes(modalities),
                    "COMPLIANT",
                    levels[number % 3]));
            if (french && random.nextInt(3) == 0) {
                evidence.add(new Evidence(
                        "MANUFACTURING_AUTHORISATION",
                        "ANSM",
                        "DEMO-AUT-" + String.format(Locale.ROOT, "%05d", number),
                        LocalDate.of(year - 3, 6, 1).toString(),
                        null,
                        null,
                        null,
                        null,
                        levels[(number + 1) % 3]));
            }
        }
        List<Availability> availability = new ArrayList<>();
        LocalDate quarter = today.withDayOfMonth(1)
                .withMonth(((today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3) + 1)
                .plusMonths(3);
        int slots = random.nextInt(4);
        for (int a = 0; a < slots; a++) {
            LocalDate from = quarter.plusMonths(3L * random.nextInt(8));
            String modality =
                    capabilities.get(random.nextInt(capabilities.size())).modality();
            availability.add(new Availability(
                    from.toString(),
                    from.plusMonths(3).minusDays(1).toString(),
                    modality,
                    gmpSite ? "CLINICAL_EARLY" : "PRECLINICAL",
                    BigDecimal.valueOf(50L * (1 + random.nextInt(20))),
                    1 + random.nextInt(3),
                    new Text("Créneau ouvert (fictif)", "Open slot (fictional)")));
        }
        return new Site(
                key,
                name,
                siret,
                address,
                location,
                index == 0 && random.nextBoolean() ? Identifiers.of(null, "LOC-" + digits(random, 9), null) : null,
                evidence.isEmpty() ? null : evidence,
                capabilities,
                availability.isEmpty() ? null : availability);
    }

    private static Capability capability(Random random, String modality, boolean gmp) {
        boolean cells = modality.equals("GENE_MODIFIED_CELLS")
                || modality.equals("CELL_THERAPY")
                || modality.equals("TISSUE_ENGINEERED");
        List<String> services = new ArrayList<>(List.of("PROCESS_DEVELOPMENT", "QC_TESTING"));
        if (cells) {
            services.addAll(List.of("CELL_BANKING", "CRYOSTORAGE_LOGISTICS"));
        } else {
            services.addAll(List.of("UPSTREAM", "DOWNSTREAM"));
            if (random.nextBoolean()) {
                services.add("FILL_FINISH");
            }
            if (random.nextInt(3) == 0) {
                services.add("CELL_LINE_DEVELOPMENT");
            }
        }
        if (gmp && random.nextBoolean()) {
            services.add("BATCH_RELEASE");
        }
        List<String> stages = gmp
                ? (random.nextInt(3) == 0
                        ? List.of("CLINICAL_EARLY", "CLINICAL_LATE", "COMMERCIAL")
                        : List.of("PRECLINICAL", "CLINICAL_EARLY"))
                : List.of("RESEARCH", "PRECLINICAL");
        List<String> systems = switch (modality) {
            case "MAB" -> List.of("CHO");
            case "RECOMBINANT_PROTEIN" -> random.nextBoolean() ? List.of("CHO", "E_COLI") : List.of("E_COLI");
            case "AAV", "LENTIVIRUS" -> List.of("HEK293");
            case "VACCINE" -> List.of("VERO");
            case "PLASMID_DNA" -> List.of("E_COLI");
            default -> null;
        };
        List<Bioreactor> bioreactors = null;
        Integer suites = null;
        Integer batches = null;
        if (cells) {
            suites = 1 + random.nextInt(6);
            batches = 10 + random.nextInt(200);
        } else {
            int[] volumes = modality.equals("MAB") || modality.equals("RECOMBINANT_PROTEIN")
                    ? new int[] {50, 200, 500, 1000, 2000, 5000, 12000}
                    : new int[] {10, 50, 200, 500};
            int volume = volumes[random.nextInt(volumes.length)];
            bioreactors = List.of(new Bioreactor(
                    volume > 2000 ? "STAINLESS_STEEL" : "SINGLE_USE",
                    BigDecimal.valueOf(volume),
                    1 + random.nextInt(4)));
        }
        return new Capability(modality, services, stages, systems, gmp, bioreactors, null, suites, batches, null);
    }

    /**
     * The capability with production technologies, for a share of them: about one in twelve, up to one in three on
     * clinical and commercial lines of cell and gene therapies, where the seed's levers spread first; each modality draws from
     * the technologies plausible for it. The demo CDMO declares none: its member adds the first in the walkthrough.
     */
    static Capability withTechnologies(Capability c, Random draws) {
        boolean atmp = ATMP_MODALITIES.contains(c.modality());
        boolean clinical = c.stages().stream().anyMatch(s -> s.startsWith("CLINICAL") || s.equals("COMMERCIAL"));
        int chance = 8 + (atmp ? 15 : 0) + (clinical ? 12 : 0);
        if (draws.nextInt(100) >= chance) {
            return c;
        }
        List<String> plausible = switch (c.modality()) {
            case "MAB", "RECOMBINANT_PROTEIN" ->
                List.of(
                        "PAT_ONLINE_CONTROL",
                        "CONTINUOUS_UPSTREAM",
                        "CONTINUOUS_DOWNSTREAM",
                        "PROCESS_MODELLING_DIGITAL_TWIN",
                        "REAL_TIME_RELEASE");
            case "CELL_THERAPY", "GENE_MODIFIED_CELLS", "TISSUE_ENGINEERED" ->
                List.of("PAT_ONLINE_CONTROL", "AUTOMATED_CLOSED_SYSTEMS", "MODULAR_FLEXIBLE_FACILITY", "POINT_OF_CARE");
            case "AAV", "LENTIVIRUS", "OTHER_VIRAL_VECTOR" ->
                List.of(
                        "PAT_ONLINE_CONTROL",
                        "CONTINUOUS_UPSTREAM",
                        "PROCESS_MODELLING_DIGITAL_TWIN",
                        "AUTOMATED_CLOSED_SYSTEMS",
                        "MODULAR_FLEXIBLE_FACILITY");
            case "MRNA_LNP" ->
                List.of("PAT_ONLINE_CONTROL", "CONTINUOUS_DOWNSTREAM", "MICROFLUIDICS", "MODULAR_FLEXIBLE_FACILITY");
            default -> List.of("PAT_ONLINE_CONTROL", "PROCESS_MODELLING_DIGITAL_TWIN", "MODULAR_FLEXIBLE_FACILITY");
        };
        List<String> drawn = new ArrayList<>(plausible);
        java.util.Collections.shuffle(drawn, draws);
        Set<String> chosen = Set.copyOf(drawn.subList(0, 1 + draws.nextInt(3)));
        return new Capability(
                c.modality(),
                c.services(),
                c.stages(),
                c.expressionSystems(),
                c.gmp(),
                c.bioreactors(),
                plausible.stream().filter(chosen::contains).toList(),
                c.cleanroomSuites(),
                c.batchesPerYear(),
                c.notes());
    }

    private static final Set<String> ATMP_MODALITIES = Set.of(
            "AAV", "LENTIVIRUS", "OTHER_VIRAL_VECTOR", "GENE_MODIFIED_CELLS", "CELL_THERAPY", "TISSUE_ENGINEERED");

    private static List<String> scopeCodes(Set<String> modalities) {
        Set<String> codes = new LinkedHashSet<>();
        for (String modality : modalities) {
            codes.add(Vocabulary.Modality.valueOf(modality).productType());
        }
        return List.copyOf(codes);
    }

    private static String authority(String country) {
        for (String entry : AUTHORITIES) {
            if (entry.startsWith(country + ":")) {
                return entry.substring(3);
            }
        }
        return "EMA";
    }

    private static String weighted(Random random, List<Object[]> choices) {
        int total = 0;
        for (Object[] choice : choices) {
            total += (Integer) choice[1];
        }
        int pick = random.nextInt(total);
        for (Object[] choice : choices) {
            pick -= (Integer) choice[1];
            if (pick < 0) {
                return (String) choice[0];
            }
        }
        throw new IllegalStateException();
    }

    private static BigDecimal coordinate(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** The organisation module's slug of the name, without the "(fictive)" every demo name carries. */
    static String slug(String name) {
        return Slugs.of(name.replace("(fictive)", ""));
    }
}
