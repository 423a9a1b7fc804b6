package fr.guichetbio.portal.catalogue;

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
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
 * Reads and writes the catalogue tables as catalogue/v1 records. Writes are called by {@link CatalogueImport} inside
 * its transaction, which also writes the outbox rows and the audit entries.
 */
@Repository
class Catalogues {

    /** Where the export reads from: active organisations that have a catalogue key. */
    static final String PUBLIC = "o.status = 'ACTIVE' and o.catalogue_key is not null";

    private final JdbcClient jdbc;

    Catalogues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored site: its id, owner and version. */
    record SiteRef(long id, long organisationId, int version) {}

    /** A stored organisation's catalogue fields. */
    record OrgRef(long id, String catalogueKey, int version) {}

    Optional<OrgRef> organisationByKey(String key) {
        return jdbc.sql("select id, catalogue_key, version from organisation where catalogue_key = :key")
                .param("key", key)
                .query((rs, n) -> new OrgRef(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .optional();
    }

    Optional<OrgRef> organisation(long id) {
        return jdbc.sql("select id, catalogue_key, version from organisation where id = :id")
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

    /** The organisation's sites by key. */
    Map<String, SiteRef> sitesOf(long organisationId) {
        Map<String, SiteRef> sites = new LinkedHashMap<>();
        jdbc.sql("select site_key, id, organisation_id, version from site where organisation_id = :o order by site_key")
                .param("o", organisationId)
                .query((ResultSet rs) -> {
                    sites.put(rs.getString(1), new SiteRef(rs.getLong(2), rs.getLong(3), rs.getInt(4)));
                });
        return sites;
    }

    /** The whole public catalogue, organisations and sites by key; organisations without sites are left out. */
    List<Org> exportPublic() {
        return load(PUBLIC, Map.of()).stream()
                .filter(org -> org.sites() != null && !org.sites().isEmpty())
                .toList();
    }

    /** One organisation as catalogue/v1 (sites may be empty), whatever its status and key. */
    Optional<Org> read(long organisationId) {
        return load("o.id = :id", Map.of("id", organisationId)).stream().findFirst();
    }

    /** One site as catalogue/v1, whatever its organisation's status. */
    Optional<Site> site(long siteId) {
        return jdbc.sql("select site_key from site where id = :id")
                .param("id", siteId)
                .query(String.class)
                .optional()
                .flatMap(key ->
                        load("o.id = (select organisation_id from site where id = :id)", Map.of("id", siteId)).stream()
                                .flatMap(org -> org.sites().stream())
                                .filter(site -> site.key().equals(key))
                                .findFirst());
    }

    /**
     * Marks a site changed (its version + 1, its update time) after a change to it or its children, in the caller's
     * transaction; returns the new version, or empty when the site is gone or no longer at {@code expectedVersion}
     * (another edit was saved first).
     */
    Optional<Integer> touchSite(long siteId, Integer expectedVersion) {
        return jdbc.sql("update site set version = version + 1, updated_at = current_timestamp"
                        + " where id = :id and (cast(:expected as integer) is null or version = :expected)"
                        + " returning version")
                .param("id", siteId)
                .param("expected", expectedVersion, java.sql.Types.INTEGER)
                .query(Integer.class)
                .optional();
    }

    private List<Org> load(String where, Map<String, Object> params) {
        Map<Long, List<Site>> sitesByOrg = new HashMap<>();
        Map<Long, Long> orgOfSite = new HashMap<>();
        Map<Long, List<Capability>> capabilities = new HashMap<>();
        Map<Long, List<Evidence>> evidence = new HashMap<>();
        Map<Long, List<Availability>> availability = new HashMap<>();
        Map<Long, List<Bioreactor>> bioreactors = new HashMap<>();
        String orgIds = "select o.id from organisation o where " + where;
        String siteIds = "select s.id from site s where s.organisation_id in (" + orgIds + ")";

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
        jdbc.sql("select id, site_id, modality, services, stages, expression_systems, gmp, cleanroom_suites,"
                        + " batches_per_year, notes_fr, notes_en from capability where site_id in (" + siteIds + ")"
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
                    orgOfSite.put(id, rs.getLong("organisation_id"));
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
        return jdbc.sql("select o.id, o.catalogue_key, o.slug, o.name, o.siren, o.catalogue_kind, o.website,"
                        + " o.description, o.description_en, o.contact_email from organisation o where " + where
                        + " order by coalesce(o.catalogue_key, o.slug)")
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

    // ---- writes (inside the import's transaction) ----

    long createOrganisation(String slug, Org org, String kind, String websiteDomain) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, description,
                                                  description_en, status, catalogue_key, siren, catalogue_kind,
                                                  contact_email)
                        values (:slug, :name, :kind, :website, :domain, :fr, :en, 'ACTIVE', :key, :siren,
                                :catalogueKind, :email)
                        returning id
                        """)
                .params(organisationFields(org, websiteDomain))
                .param("slug", slug)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    /** Updates the catalogue fields (and name, website, description) of an organisation; returns its new version. */
    int updateOrganisation(long id, Org org, String websiteDomain) {
        return jdbc.sql("""
                        update organisation set name = :name, website = :website, website_domain = :domain,
                               description = :fr, description_en = :en, catalogue_key = :key, siren = :siren,
                               catalogue_kind = :catalogueKind, contact_email = :email, version = version + 1
                         where id = :id returning version
                        """)
                .params(organisationFields(org, websiteDomain))
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** The organisation's catalogue fields, as named parameters of the insert and update above. */
    private static Map<String, Object> organisationFields(Org org, String websiteDomain) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", org.name());
        fields.put("website", org.website());
        fields.put("domain", websiteDomain);
        fields.put("fr", org.description() == null ? null : org.description().fr());
        fields.put("en", org.description() == null ? null : org.description().en());
        fields.put("key", org.key());
        fields.put("siren", org.siren());
        fields.put("catalogueKind", org.kind());
        fields.put("email", org.contactEmail());
        return fields;
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select count(*) from organisation where slug = :slug")
                        .param("slug", slug)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Inserts a site and its children; returns its id (version 0). */
    long insertSite(long organisationId, Site site, Long checkedBy) {
        long id = jdbc.sql("""
                        insert into site (site_key, organisation_id, name, siret, street, postal_code, city,
                                          region_code, country, latitude, longitude, oms_organisation_id,
                                          oms_location_id, fda_fei)
                        values (:key, :o, :name, :siret, :street, :postal, :city, :region, :country, :lat, :lon,
                                :omsOrg, :omsLoc, :fei)
                        returning id
                        """)
                .params(siteParams(organisationId, site))
                .query(Long.class)
                .single();
        insertChildren(id, site, checkedBy);
        return id;
    }

    /** Replaces a site's fields and children; returns its new version. */
    int updateSite(long id, long organisationId, Site site, Long checkedBy) {
        int version = jdbc.sql("""
                        update site set name = :name, siret = :siret, street = :street, postal_code = :postal,
                               city = :city, region_code = :region, country = :country, latitude = :lat,
                               longitude = :lon, oms_organisation_id = :omsOrg, oms_location_id = :omsLoc,
                               fda_fei = :fei, version = version + 1, updated_at = current_timestamp
                         where id = :id and organisation_id = :o returning version
                        """)
                .params(siteParams(organisationId, site))
                .param("id", id)
                .query(Integer.class)
                .single();
        for (String table : List.of("capability", "gmp_evidence", "availability_slot")) {
            jdbc.sql("delete from " + table + " where site_id = :id")
                    .param("id", id)
                    .update();
        }
        insertChildren(id, site, checkedBy);
        return version;
    }

    void deleteSite(long id) {
        jdbc.sql("delete from site where id = :id").param("id", id).update();
    }

    void outbox(String aggregateType, long aggregateId, int version) {
        jdbc.sql("insert into outbox (aggregate_type, aggregate_id, version) values (:type, :id, :version)")
                .param("type", aggregateType)
                .param("id", aggregateId)
                .param("version", version)
                .update();
    }

    private static Map<String, Object> siteParams(long organisationId, Site site) {
        Map<String, Object> params = new HashMap<>();
        params.put("key", site.key());
        params.put("o", organisationId);
        params.put("name", site.name());
        params.put("siret", site.siret());
        params.put("street", site.address().street());
        params.put("postal", site.address().postalCode());
        params.put("city", site.address().city());
        params.put("region", site.address().regionCode());
        params.put("country", site.address().country());
        params.put("lat", site.location() == null ? null : site.location().lat());
        params.put("lon", site.location() == null ? null : site.location().lon());
        Identifiers ids = site.identifiers();
        params.put("omsOrg", ids == null ? null : ids.omsOrganisationId());
        params.put("omsLoc", ids == null ? null : ids.omsLocationId());
        params.put("fei", ids == null ? null : ids.fdaFei());
        return params;
    }

    private void insertChildren(long siteId, Site site, Long checkedBy) {
        int position = 0;
        for (Capability capability : nonNull(site.capabilities())) {
            long capabilityId = jdbc.sql("""
                            insert into capability (site_id, position, modality, services, stages, expression_systems,
                                                    gmp, cleanroom_suites, batches_per_year, notes_fr, notes_en)
                            values (:site, :position, :modality, :services, :stages, :systems, :gmp, :suites,
                                    :batches, :fr, :en)
                            returning id
                            """)
                    .param("site", siteId)
                    .param("position", position++)
                    .param("modality", capability.modality())
                    .param("services", array(capability.services()))
                    .param("stages", array(capability.stages()))
                    .param(
                            "systems",
                            capability.expressionSystems() == null ? null : array(capability.expressionSystems()))
                    .param("gmp", capability.gmp())
                    .param("suites", capability.cleanroomSuites())
                    .param("batches", capability.batchesPerYear())
                    .param(
                            "fr",
                            capability.notes() == null
                                    ? null
                                    : capability.notes().fr())
                    .param(
                            "en",
                            capability.notes() == null
                                    ? null
                                    : capability.notes().en())
                    .query(Long.class)
                    .single();
            int reactor = 0;
            for (Bioreactor bioreactor : nonNull(capability.bioreactors())) {
                jdbc.sql("""
                                insert into bioreactor (capability_id, position, technology, working_volume_litres,
                                                        unit_count)
                                values (:c, :position, :technology, :volume, :count)
                                """)
                        .param("c", capabilityId)
                        .param("position", reactor++)
                        .param("technology", bioreactor.technology())
                        .param("volume", bioreactor.workingVolumeLitres())
                        .param("count", bioreactor.count())
                        .update();
            }
        }
        position = 0;
        for (Evidence evidence : nonNull(site.gmpEvidence())) {
            boolean checked =
                    evidence.verification() != null && !evidence.verification().equals("SELF_DECLARED");
            jdbc.sql("""
                            insert into gmp_evidence (site_id, position, kind, authority, reference, issued, inspected,
                                                      valid_until, scope_codes, outcome, verification, checked_at,
                                                      checked_by)
                            values (:site, :position, :kind, :authority, :reference, :issued, :inspected, :validUntil,
                                    :scopes, :outcome, :verification, :checkedAt, :checkedBy)
                            """)
                    .param("site", siteId)
                    .param("position", position++)
                    .param("kind", evidence.kind())
                    .param("authority", evidence.authority())
                    .param("reference", evidence.reference())
                    .param("issued", sqlDate(evidence.issued()))
                    .param("inspected", sqlDate(evidence.inspected()))
                    .param("validUntil", sqlDate(evidence.validUntil()))
                    .param("scopes", evidence.scopeCodes() == null ? null : array(evidence.scopeCodes()))
                    .param("outcome", evidence.outcome())
                    .param("verification", evidence.verification())
                    .param("checkedAt", checked ? java.sql.Timestamp.from(java.time.Instant.now()) : null)
                    .param("checkedBy", checked ? checkedBy : null, java.sql.Types.BIGINT)
                    .update();
        }
        position = 0;
        for (Availability slot : nonNull(site.availability())) {
            jdbc.sql("""
                            insert into availability_slot (site_id, position, available_from, available_to, modality,
                                                           stage, working_volume_litres, slots, note_fr, note_en)
                            values (:site, :position, :from, :to, :modality, :stage, :volume, :slots, :fr, :en)
                            """)
                    .param("site", siteId)
                    .param("position", position++)
                    .param("from", sqlDate(slot.from()))
                    .param("to", sqlDate(slot.to()))
                    .param("modality", slot.modality())
                    .param("stage", slot.stage())
                    .param("volume", slot.workingVolumeLitres())
                    .param("slots", slot.slots())
                    .param("fr", slot.note() == null ? null : slot.note().fr())
                    .param("en", slot.note() == null ? null : slot.note().en())
                    .update();
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    private static Date sqlDate(String date) {
        return date == null ? null : Date.valueOf(LocalDate.parse(date));
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
