package fr.guichetbio.portal.catalogue;

import fr.guichetbio.catalogue.index.SiteDocument;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the search index's site documents from PostgreSQL (the truth), a handful of statements for a whole batch of
 * sites: the site and its organisation, capabilities, bioreactors, GMP evidence and open slots. Only public sites get
 * a document (see {@link PublicSites}); the others are left out of the index.
 */
@Component
public class SiteDocuments {

    /** Regulatory classes of advanced therapies and the modalities that fall in them. */
    private static final Map<String, Set<String>> THERAPY_CLASSES = Map.of(
            "GENE_THERAPY", Set.of("AAV", "LENTIVIRUS", "OTHER_VIRAL_VECTOR", "GENE_MODIFIED_CELLS"),
            "ATMP",
                    Set.of(
                            "AAV",
                            "LENTIVIRUS",
                            "OTHER_VIRAL_VECTOR",
                            "GENE_MODIFIED_CELLS",
                            "CELL_THERAPY",
                            "TISSUE_ENGINEERED"));

    /** Whose calendar decides when a slot has ended and a quarter has begun: the catalogue's pages use Paris days. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    /**
     * French and English labels by message key: the bundles do not change while the portal runs, and a rebuild asks
     * for the same few hundred labels some thirty times per document.
     */
    private final Map<String, List<String>> labels = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    SiteDocuments(JdbcClient jdbc, MessageSource messages) {
        this(jdbc, messages, Clock.system(ZONE));
    }

    SiteDocuments(JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /** The documents of those of {@code siteIds} that are public (the others: none), in id order. */
    public List<SiteDocument> publicDocuments(Collection<Long> siteIds) {
        if (siteIds.isEmpty()) {
            return List.of();
        }
        return build(siteIds.stream().mapToLong(Long::longValue).toArray());
    }

    /** The current version of those of {@code siteIds} that still exist. */
    public Map<Long, Long> versions(Collection<Long> siteIds) {
        Map<Long, Long> versions = new HashMap<>();
        if (siteIds.isEmpty()) {
            return versions;
        }
        jdbc.sql("select id, version from site where id = any(:ids)")
                .param("ids", siteIds.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    versions.put(rs.getLong(1), rs.getLong(2));
                });
        return versions;
    }

    /** The sites of the given organisations. */
    public List<Long> sitesOfOrganisations(Collection<Long> organisationIds) {
        if (organisationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from site where organisation_id = any(:ids) order by id")
                .param("ids", organisationIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /** Today as the documents count days. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * The public sites whose documents changed because days passed since {@code since} (the day they were last
     * brought up to date) until {@code today}: a slot ended on one of those days (it leaves the document), or a
     * quarter began while a slot ran across it (the quarter before leaves the availability quarters).
     */
    public List<Long> agedSites(LocalDate since, LocalDate today) {
        LocalDate quarter = quarterStart(today);
        return jdbc.sql("""
                        select s.id from site s join organisation o on o.id = s.organisation_id
                        where\s""" + PublicSites.CONDITION + """
                         and exists (select 1 from availability_slot a where a.site_id = s.id and (
                              (a.available_to >= :since and a.available_to < :today)
                              or (:quarter > :since and a.available_from < :quarter and a.available_to >= :quarter)))
                        order by s.id""")
                .param("since", since)
                .param("today", today)
                .param("quarter", quarter)
                .query(Long.class)
                .list();
    }

    /** How many sites are public. */
    public long countPublic() {
        return jdbc.sql("select count(*) from site s join organisation o on o.id = s.organisation_id where "
                        + PublicSites.CONDITION)
                .query(Long.class)
                .single();
    }

    /**
     * Every public site's document, {@code pageSize} at a time in id order (keyset pagination: each page is its own
     * short query, nothing is held open between pages).
     */
    public Iterator<List<SiteDocument>> allPublic(int pageSize) {
        return new Iterator<>() {
            private long after = Long.MIN_VALUE;
            private List<SiteDocument> next;
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (next == null && !finished) {
                    long[] ids = jdbc
                            .sql("select s.id from site s join organisation o on o.id = s.organisation_id"
                                    + " where s.id > :after and " + PublicSites.CONDITION
                                    + " order by s.id limit :limit")
                            .param("after", after)
                            .param("limit", pageSize)
                            .query(Long.class)
                            .list()
                            .stream()
                            .mapToLong(Long::longValue)
                            .toArray();
                    if (ids.length == 0) {
                        finished = true;
                    } else {
                        after = ids[ids.length - 1];
                        next = build(ids);
                    }
                }
                return next != null;
            }

            @Override
            public List<SiteDocument> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<SiteDocument> page = next;
                next = null;
                return page;
            }
        };
    }

    private List<SiteDocument> build(long[] siteIds) {
        Long[] ids = java.util.Arrays.stream(siteIds).boxed().toArray(Long[]::new);
        Map<Long, Builder> sites = new LinkedHashMap<>();
        jdbc.sql("""
                        select s.id, s.version, s.site_key, s.name, o.name, o.slug, p.catalogue_kind, o.description,
                               p.description_en, s.city, s.postal_code, s.region_code, s.country, s.latitude, s.longitude
                        from site s join organisation o on o.id = s.organisation_id
                        left join catalogue_profile p on p.organisation_id = o.id
                        where s.id = any(:ids) and\s""" + PublicSites.CONDITION + " order by s.id")
                .param("ids", ids)
                .query((ResultSet rs) -> {
                    Builder site = new Builder(rs.getLong(1), rs.getLong(2));
                    site.key = rs.getString(3);
                    site.name = rs.getString(4);
                    site.organisationName = rs.getString(5);
                    site.organisationSlug = rs.getString(6);
                    site.organisationKind = rs.getString(7);
                    addText(site.description, rs.getString(8));
                    addText(site.description, rs.getString(9));
                    site.city = rs.getString(10);
                    site.postalCode = rs.getString(11);
                    site.regionCode = rs.getString(12);
                    site.country = rs.getString(13);
                    if (rs.getBigDecimal(14) != null) {
                        site.location = new SiteDocument.GeoPoint(rs.getDouble(14), rs.getDouble(15));
                    }
                    sites.put(site.id, site);
                });
        if (sites.isEmpty()) {
            return List.of();
        }
        Long[] publicIds = sites.keySet().toArray(Long[]::new);
        jdbc.sql("""
                        select site_id, modality, services, stages, expression_systems, gmp, notes_fr, notes_en,
                            technologies
                        from capability where site_id = any(:ids) order by site_id, position""").param("ids", publicIds).query((ResultSet rs) -> {
            Builder site = sites.get(rs.getLong(1));
            site.modalities.add(rs.getString(2));
            site.services.addAll(strings(rs.getArray(3)));
            site.stages.addAll(strings(rs.getArray(4)));
            site.expressionSystems.addAll(strings(rs.getArray(5)));
            site.gmp |= rs.getBoolean(6);
            addText(site.description, rs.getString(7));
            addText(site.description, rs.getString(8));
            site.technologies.addAll(strings(rs.getArray(9)));
        });
        jdbc.sql("""
                        select c.site_id, b.working_volume_litres, b.technology from bioreactor b
                        join capability c on c.id = b.capability_id where c.site_id = any(:ids)""").param("ids", publicIds).query((ResultSet rs) -> {
            Builder site = sites.get(rs.getLong(1));
            double litres = rs.getDouble(2);
            site.largestVolume = Math.max(site.largestVolume, litres);
            site.scaleBands.add(SiteDocument.scaleBand(litres));
            site.bioreactorTechnologies.add(rs.getString(3));
        });
        // Evidence a moderator rejected, or stating non-compliance, vouches for nothing.
        jdbc.sql("""
                        select site_id, coalesce(verification, 'SELF_DECLARED') from gmp_evidence
                        where site_id = any(:ids) and review <> 'REJECTED' and kind <> 'NON_COMPLIANCE_STATEMENT'
                          and coalesce(outcome, 'COMPLIANT') not in ('NON_COMPLIANT', 'OAI')""").param("ids", publicIds).query((ResultSet rs) -> {
            Builder site = sites.get(rs.getLong(1));
            // The site's level is the best of its evidence's (the levels are declared from the weakest).
            Vocabulary.VerificationLevel level = Vocabulary.VerificationLevel.valueOf(rs.getString(2));
            if (site.verification == null || level.compareTo(site.verification) > 0) {
                site.verification = level;
            }
        });
        LocalDate today = LocalDate.now(clock);
        jdbc.sql("""
                        select site_id, available_from, available_to, note_fr, note_en from availability_slot
                        where site_id = any(:ids) and available_to >= :today order by site_id, available_from""").param("ids", publicIds).param("today", today).query((ResultSet rs) -> {
            Builder site = sites.get(rs.getLong(1));
            LocalDate from = rs.getObject(2, LocalDate.class);
            LocalDate to = rs.getObject(3, LocalDate.class);
            if (site.nextSlot == null || from.isBefore(site.nextSlot)) {
                site.nextSlot = from;
            }
            for (LocalDate quarter = quarterStart(from.isBefore(today) ? today : from);
                    !quarter.isAfter(to);
                    quarter = quarter.plusMonths(3)) {
                site.quarters.add(quarter.getYear() + "-Q" + ((quarter.getMonthValue() - 1) / 3 + 1));
            }
            addText(site.description, rs.getString(4));
            addText(site.description, rs.getString(5));
        });
        return sites.values().stream().map(this::document).toList();
    }

    private SiteDocument document(Builder site) {
        Set<String> vocabulary = new LinkedHashSet<>();
        labels(vocabulary, "modality", site.modalities);
        labels(vocabulary, "service", site.services);
        labels(vocabulary, "stage", site.stages);
        labels(vocabulary, "expressionSystem", site.expressionSystems);
        labels(vocabulary, "technology", site.technologies);
        labels(vocabulary, "bioreactorTechnology", site.bioreactorTechnologies);
        labels(vocabulary, "catalogueKind", site.organisationKind == null ? List.of() : List.of(site.organisationKind));
        // The therapy classes sponsors search by ("thérapie génique", "ATMP") are not codes of the contract: derived
        // from the modalities, as the regulation classes them.
        for (Map.Entry<String, Set<String>> therapyClass : THERAPY_CLASSES.entrySet()) {
            if (site.modalities.stream().anyMatch(therapyClass.getValue()::contains)) {
                labels(vocabulary, "therapyClass", List.of(therapyClass.getKey()));
            }
        }
        if (site.country != null) {
            for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                vocabulary.add(Locale.of("", site.country).getDisplayCountry(locale));
            }
        }
        return new SiteDocument(
                site.id,
                site.version,
                site.key,
                site.name,
                site.organisationName,
                site.organisationSlug,
                site.organisationKind,
                List.copyOf(site.description),
                List.copyOf(vocabulary),
                site.city,
                site.postalCode,
                site.regionCode,
                site.country,
                site.location,
                List.copyOf(site.modalities),
                List.copyOf(site.services),
                List.copyOf(site.stages),
                List.copyOf(site.expressionSystems),
                List.copyOf(site.technologies),
                site.gmp,
                site.largestVolume,
                List.copyOf(site.scaleBands),
                site.verification == null ? null : site.verification.name(),
                List.copyOf(site.quarters),
                site.nextSlot == null ? null : site.nextSlot.toString());
    }

    /** French and English labels of the codes, from the message bundles (the code itself when a label is missing). */
    private void labels(Set<String> into, String facet, Collection<String> codes) {
        for (String code : codes) {
            into.addAll(labels.computeIfAbsent(
                    Vocabulary.messageKey(facet, code),
                    key -> List.of(
                            messages.getMessage(key, null, code, Locale.FRENCH),
                            messages.getMessage(key, null, code, Locale.ENGLISH))));
        }
    }

    private static LocalDate quarterStart(LocalDate date) {
        return LocalDate.of(date.getYear(), ((date.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    private static void addText(List<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

    /** A site's document while its rows are read. */
    private static final class Builder {
        final long id;
        final long version;
        String key;
        String name;
        String organisationName;
        String organisationSlug;
        String organisationKind;
        final List<String> description = new ArrayList<>();
        String city;
        String postalCode;
        String regionCode;
        String country;
        SiteDocument.GeoPoint location;
        final Set<String> modalities = new LinkedHashSet<>();
        final Set<String> services = new LinkedHashSet<>();
        final Set<String> stages = new LinkedHashSet<>();
        final Set<String> expressionSystems = new LinkedHashSet<>();
        final Set<String> technologies = new LinkedHashSet<>();
        final Set<String> bioreactorTechnologies = new TreeSet<>();
        boolean gmp;
        double largestVolume;
        final Set<String> scaleBands = new TreeSet<>();
        Vocabulary.VerificationLevel verification;
        final Set<String> quarters = new TreeSet<>();
        LocalDate nextSlot;

        Builder(long id, long version) {
            this.id = id;
            this.version = version;
        }
    }
}
