package fr.guichetbio.portal.catalogue.listing;

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
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the catalogue tables as catalogue/v1 records, locks and versions sites ({@link SiteTables} writes them in
 * batches). Writes are called by {@link CatalogueImport} and the listing editor inside their transaction, which also
 * write the snapshots, outbox rows and audit entries. A piece of GMP evidence keeps its row (id, certificate, review history) while its kind, authority and reference stay the same.
 */
@Repository
public class Catalogues {

    /** Where the export reads from: active organisations that have a catalogue key. */
    static final String PUBLIC = "o.status = 'ACTIVE' and exists (select 1 from catalogue_profile cp"
            + " where cp.organisation_id = o.id and cp.catalogue_key is not null)";

    private final JdbcClient jdbc;

    Catalogues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored site: its id, owner and version. */
    public record SiteRef(long id, long organisationId, int version) {}

    /** A stored organisation's catalogue fields. */
    public record OrgRef(long id, String catalogueKey, int version) {}

    public Optional<OrgRef> organisationByKey(String key) {
        return jdbc.sql(
                        "select organisation_id, catalogue_key, version from catalogue_profile where catalogue_key = :key")
                .param("key", key)
                .query((rs, n) -> new OrgRef(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .optional();
    }

    public Optional<OrgRef> organisation(long id) {
        return jdbc.sql("select o.id, p.catalogue_key, coalesce(p.version, 0) from organisation o"
                        + " left join catalogue_profile p on p.organisation_id = o.id where o.id = :id")
                .param("id", id)
                .query((rs, n) -> new OrgRef(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .optional();
    }

    Optional<SiteRef> siteByKey(String key) {
        return jdbc.sql("select id, organisation_id, version from site where site_key = :key")
                .param("key", key)
                .query((rs, n) -> new SiteRef(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                .optional();
    }

    /** A site's owner and version, its row locked until the end of the caller's transaction (edits queue here). */
    public Optional<SiteRef> lockSite(long siteId) {
        return jdbc.sql("select id, organisation_id, version from site where id = :id for update")
                .param("id", siteId)
                .query((rs, n) -> new SiteRef(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                .optional();
    }

    /** The organisation's sites by key. */
    public Map<String, SiteRef> sitesOf(long organisationId) {
        Map<String, SiteRef> sites = new LinkedHashMap<>();
        jdbc.sql("select site_key, id, organisation_id, version from site where organisation_id = :o order by site_key")
                .param("o", organisationId)
                .query((ResultSet rs) -> {
                    sites.put(rs.getString(1), new SiteRef(rs.getLong(2), rs.getLong(3), rs.getInt(4)));
                });
        return sites;
    }

    /** The whole public catalogue, organisations and sites by key; organisations without sites are left out. */
    public List<Org> exportPublic() {
        // Draft sites (no capability yet) are not public, and catalogue/v1 requires a capability per site.
        return load(PUBLIC, "true", Map.of()).stream()
                .map(org -> org.withSites(org.sites().stream()
                        .filter(site -> site.capabilities() != null
                                && !site.capabilities().isEmpty())
                        .toList()))
                .filter(org -> !org.sites().isEmpty())
                .toList();
    }

    /** One organisation as catalogue/v1 (sites may be empty), whatever its status and key. */
    public Optional<Org> read(long organisationId) {
        return load("o.id = :id", "true", Map.of("id", organisationId)).stream().findFirst();
    }

    /** One site as catalogue/v1, whatever its organisation's status (its sibling sites are not read). */
    public Optional<Site> site(long siteId) {
        return load("o.id = (select organisation_id from site where id = :id)", "s.id = :id", Map.of("id", siteId))
                .stream()
                .flatMap(org -> org.sites().stream())
                .findFirst();
    }

    /**
     * Marks a site changed (its version + 1, its update time) after a change to it or its children, in the caller's
     * transaction; returns the new version, or empty when the site is gone or no longer at {@code expectedVersion}
     * (another edit was saved first).
     */
    public Optional<Integer> touchSite(long siteId, Integer expectedVersion) {
        return jdbc.sql("update site set version = version + 1, updated_at = current_timestamp"
                        + " where id = :id and (cast(:expected as integer) is null or version = :expected)"
                        + " returning version")
                .param("id", siteId)
                .param("expected", expectedVersion, java.sql.Types.INTEGER)
                .query(Integer.class)
                .optional();
    }

    /** Organisations matching {@code where} (on {@code o}) with their sites matching {@code siteWhere} (on {@code s}). */
    private List<Org> load(String where, String siteWhere, Map<String, Object> params) {
        Map<Long, List<Site>> sitesByOrg = new HashMap<>();
        Map<Long, List<Capability>> capabilities = new HashMap<>();
        Map<Long, List<Evidence>> evidence = new HashMap<>();
        Map<Long, List<Availability>> availability = new HashMap<>();
        Map<Long, List<Bioreactor>> bioreactors = new HashMap<>();
        String orgIds = "select o.id from organisation o where " + where;
        String siteIds = "select s.id from site s where s.organisation_id in (" + orgIds + ") and " + siteWhere;

        jdbc.sql("select b.capability_id, b.technology, b.working_volume_litres, b.unit_count from bioreactor b"
                        + " join capability c on c.id = b.capability_id where c.site_id in (" + siteIds + ")"
                        + " order by b.capability_id, b.position")
                .params(params)
                .query((ResultSet rs) -> {
                    bioreactors
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Bioreactor(rs.getString(2), rs.getBigDecimal(3), integer(rs, 4)));
                });
        Map<Long, List<Capability>> capabilitiesBySite = capabilities;
        jdbc.sql(
                        "select id, site_id, modality, services, stages, expression_systems, technologies, gmp, cleanroom_suites,"
                                + " batches_per_year, notes_fr, notes_en from capability where site_id in (" + siteIds
                                + ")"
                                + " order by site_id, position")
                .params(params)
                .query((ResultSet rs) -> {
                    capabilitiesBySite
                            .computeIfAbsent(rs.getLong("site_id"), k -> new ArrayList<>())
                            .add(new Capability(
                                    rs.getString("modality"),
                                    strings(rs.getArray("services")),
                                    strings(rs.getArray("stages")),
                                    strings(rs.getArray("expression_systems")),
                                    (Boolean) rs.getObject("gmp"),
                                    bioreactors.get(rs.getLong("id")),
                                    strings(rs.getArray("technologies")),
                                    integer(rs, "cleanroom_suites"),
                                    integer(rs, "batches_per_year"),
                                    Text.of(rs.getString("notes_fr"), rs.getString("notes_en"))));
                });
        jdbc.sql("select site_id, kind, authority, reference, issued, inspected, valid_until, scope_codes, outcome,"
                        + " verification from gmp_evidence where site_id in (" + siteIds
                        + ") order by site_id, position")
                .params(params)
                .query((ResultSet rs) -> {
                    evidence.computeIfAbsent(rs.getLong("site_id"), k -> new ArrayList<>())
                            .add(new Evidence(
                                    rs.getString("kind"),
                                    rs.getString("authority"),
                                    rs.getString("reference"),
                                    date(rs.getDate("issued")),
                                    date(rs.getDate("inspected")),
                                    date(rs.getDate("valid_until")),
                                    strings(rs.getArray("scope_codes")),
                                    rs.getString("outcome"),
                                    rs.getString("verification")));
                });
        jdbc.sql("select site_id, available_from, available_to, modality, stage, working_volume_litres, slots,"
                        + " note_fr, note_en from availability_slot where site_id in (" + siteIds + ")"
                        + " order by site_id, position")
                .params(params)
                .query((ResultSet rs) -> {
                    availability
                            .computeIfAbsent(rs.getLong("site_id"), k -> new ArrayList<>())
                            .add(new Availability(
                                    date(rs.getDate("available_from")),
                                    date(rs.getDate("available_to")),
                                    rs.getString("modality"),
                                    rs.getString("stage"),
                                    rs.getBigDecimal("working_volume_litres"),
                                    integer(rs, "slots"),
                                    Text.of(rs.getString("note_fr"), rs.getString("note_en"))));
                });
        jdbc.sql("select * from site where id in (" + siteIds + ") order by site_key")
                .params(params)
                .query((ResultSet rs) -> {
                    long id = rs.getLong("id");
                    BigDecimal lat = rs.getBigDecimal("latitude");
                    BigDecimal lon = rs.getBigDecimal("longitude");
                    sitesByOrg
                            .computeIfAbsent(rs.getLong("organisation_id"), k -> new ArrayList<>())
                            .add(new Site(
                                    rs.getString("site_key"),
                                    rs.getString("name"),
                                    rs.getString("siret"),
                                    new Address(
                                            rs.getString("street"),
                                            rs.getString("postal_code"),
                                            rs.getString("city"),
                                            rs.getString("region_code"),
                                            rs.getString("country")),
                                    lat == null ? null : new Location(lat, lon),
                                    Identifiers.of(
                                            rs.getString("oms_organisation_id"),
                                            rs.getString("oms_location_id"),
                                            rs.getString("fda_fei")),
                                    evidence.get(id),
                                    capabilities.get(id),
                                    availability.get(id)));
                });
        return jdbc.sql("select o.id, p.catalogue_key, o.slug, o.name, p.siren, p.catalogue_kind, o.website,"
                        + " o.description, p.description_en, p.contact_email from organisation o"
                        + " left join catalogue_profile p on p.organisation_id = o.id where " + where
                        + " order by coalesce(p.catalogue_key, o.slug)")
                .params(params)
                .query((rs, n) -> new Org(
                        rs.getString("catalogue_key"),
                        rs.getString("name"),
                        rs.getString("siren"),
                        rs.getString("catalogue_kind"),
                        rs.getString("website"),
                        Text.of(rs.getString("description"), rs.getString("description_en")),
                        rs.getString("contact_email"),
                        sitesByOrg.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    // ---- writes (inside the caller's transaction) ----

    /**
     * Writes the organisation's catalogue fields (catalogue/v1: key, SIREN, kind, English description, contact) to its
     * catalogue profile, created at the first write; returns the profile's new version. The organisation's own fields
     * (name, website, French description) are the organisation module's to write.
     */
    public int saveProfile(long organisationId, Org org) {
        return jdbc.sql("""
                        insert into catalogue_profile (organisation_id, catalogue_key, siren, catalogue_kind,
                                                       description_en, contact_email)
                        values (:id, :key, :siren, :kind, :en, :email)
                        on conflict (organisation_id) do update
                           set catalogue_key = excluded.catalogue_key, siren = excluded.siren,
                               catalogue_kind = excluded.catalogue_kind, description_en = excluded.description_en,
                               contact_email = excluded.contact_email, version = catalogue_profile.version + 1
                        returning version
                        """)
                .param("id", organisationId)
                .param("key", org.key())
                .param("siren", org.siren())
                .param("kind", org.kind())
                .param(
                        "en",
                        org.description() == null ? null : org.description().en())
                .param("email", org.contactEmail())
                .query(Integer.class)
                .single();
    }

    /** A piece of evidence as stored: its id and its content (the content's verification is the stored level). */
    public record StoredEvidence(long id, Evidence content) {}

    /** How the level of a piece of evidence is written. */
    public enum LevelWrite {
        /** Left as stored: the evidence is the same as before (only its position may change). */
        KEEP,
        /** A trusted import's claim (command line, demo data, platform admin): checked when above self-declared. */
        CLAIMED,
        /** New or changed evidence from anyone else: self-declared and waiting for a moderator. */
        SELF_DECLARED
    }

    /**
     * One piece of evidence to write at its list position: new when {@code id} is null. {@code content} is what will
     * be stored, its verification included (so that snapshots and comparisons see the stored level).
     */
    public record EvidenceWrite(Long id, Evidence content, LevelWrite level) {}

    /**
     * A site as written: its id, its version after the write and the ids of its evidence rows in list order (for
     * {@link EvidenceReviews#recordLevels}, which writes their levels).
     */
    public record Written(long id, int version, List<Long> evidenceIds) {}

    /**
     * One site to write: new when {@code id} is null (then {@code review} is its review state), else updated if it is
     * still at {@code expectedVersion} (null: whatever its version, for a caller that locked it). {@code evidence}
     * comes from {@link EvidenceReviews#match}; capabilities and open slots are replaced.
     */
    public record SiteWrite(
            Long id,
            Integer expectedVersion,
            long organisationId,
            Site site,
            List<EvidenceWrite> evidence,
            String review) {}

    /** A site changed since the import read it: the import is refused, nothing is written. */
    public static final class SiteChangedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public final String siteKey;

        SiteChangedMeanwhile(String siteKey) {
            super("Site " + siteKey + " changed meanwhile", null, false, false);
            this.siteKey = siteKey;
        }
    }

    /** The stored evidence of every site of an organisation, by site id, in list order. */
    public Map<Long, List<StoredEvidence>> evidenceOfOrganisation(long organisationId) {
        return evidence("site_id in (select id from site where organisation_id = :o)", Map.of("o", organisationId));
    }

    private Map<Long, List<StoredEvidence>> evidence(String where, Map<String, Object> params) {
        Map<Long, List<StoredEvidence>> bySite = new HashMap<>();
        jdbc.sql("select id, site_id, kind, authority, reference, issued, inspected, valid_until, scope_codes,"
                        + " outcome, verification from gmp_evidence where " + where + " order by site_id, position")
                .params(params)
                .query((ResultSet rs) -> {
                    bySite.computeIfAbsent(rs.getLong("site_id"), k -> new ArrayList<>())
                            .add(new StoredEvidence(
                                    rs.getLong("id"),
                                    new Evidence(
                                            rs.getString("kind"),
                                            rs.getString("authority"),
                                            rs.getString("reference"),
                                            date(rs.getDate("issued")),
                                            date(rs.getDate("inspected")),
                                            date(rs.getDate("valid_until")),
                                            strings(rs.getArray("scope_codes")),
                                            rs.getString("outcome"),
                                            rs.getString("verification"))));
                });
        return bySite;
    }

    /** The sites that have one of these keys, whatever their organisation, by key: one query for a whole import. */
    public Map<String, SiteRef> sitesByKeys(java.util.Collection<String> keys) {
        Map<String, SiteRef> sites = new HashMap<>();
        if (keys.isEmpty()) {
            return sites;
        }
        jdbc.sql("select site_key, id, organisation_id, version from site where site_key = any(:keys)")
                .param("keys", keys.toArray(String[]::new))
                .query((ResultSet rs) -> {
                    sites.put(rs.getString(1), new SiteRef(rs.getLong(2), rs.getLong(3), rs.getInt(4)));
                });
        return sites;
    }

    /** The stored evidence of one site, in list order. */
    List<StoredEvidence> evidenceOfSite(long siteId) {
        return evidence("site_id = :id", Map.of("id", siteId)).getOrDefault(siteId, List.of());
    }

    public void deleteSite(long id) {
        jdbc.sql("delete from site where id = :id").param("id", id).update();
    }

    private static String date(Date date) {
        return date == null ? null : date.toLocalDate().toString();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        String[] values = (String[]) array.getArray();
        return values.length == 0 ? null : Arrays.asList(values);
    }
}
