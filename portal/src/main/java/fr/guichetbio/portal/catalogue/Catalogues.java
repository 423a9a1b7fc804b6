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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the catalogue tables as catalogue/v1 records. Writes are called by {@link CatalogueImport} and the
 * listing editor inside their transaction, which also write the snapshots, outbox rows and audit entries. A piece of
 * GMP evidence keeps its row (id, certificate, review history) while its kind, authority and reference stay the same.
 */
@Repository
class Catalogues {

    /** Where the export reads from: active organisations that have a catalogue key. */
    static final String PUBLIC = "o.status = 'ACTIVE' and exists (select 1 from catalogue_profile cp"
            + " where cp.organisation_id = o.id and cp.catalogue_key is not null)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    // Looked up when used: EvidenceReviews itself needs this repository.
    private final ObjectProvider<EvidenceReviews> reviews;

    Catalogues(JdbcClient jdbc, JdbcTemplate template, ObjectProvider<EvidenceReviews> reviews) {
        this.jdbc = jdbc;
        this.template = template;
        this.reviews = reviews;
    }

    /** A stored site: its id, owner and version. */
    record SiteRef(long id, long organisationId, int version) {}

    /** A stored organisation's catalogue key (null when it has none) and its catalogue profile's version. */
    record OrgRef(long id, String catalogueKey, int version) {}

    Optional<OrgRef> organisationByKey(String key) {
        return jdbc.sql(
                        "select organisation_id, catalogue_key, version from catalogue_profile where catalogue_key = :key")
                .param("key", key)
                .query((rs, n) -> new OrgRef(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .optional();
    }

    Optional<OrgRef> organisation(long id) {
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
    Optional<SiteRef> lockSite(long siteId) {
        return jdbc.sql("select id, organisation_id, version from site where id = :id for update")
                .param("id", siteId)
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
    Optional<Org> read(long organisationId) {
        return load("o.id = :id", "true", Map.of("id", organisationId)).stream().findFirst();
    }

    /** One site as catalogue/v1, whatever its organisation's status (its sibling sites are not read). */
    Optional<Site> site(long siteId) {
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
    Optional<Integer> touchSite(long siteId, Integer expectedVersion) {
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
    int saveProfile(long organisationId, Org org) {
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
    record StoredEvidence(long id, Evidence content) {}

    /** How the level of a piece of evidence is written. */
    enum LevelWrite {
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
    record EvidenceWrite(Long id, Evidence content, LevelWrite level) {}

    /**
     * One site to write: new when {@code id} is null (then {@code review} is its review state), else updated if it is
     * still at {@code expectedVersion} (null: whatever its version, for a caller that locked it). {@code evidence}
     * comes from {@link #matchEvidence}; capabilities and open slots are replaced.
     */
    /** A site as written: its id and its version after the write. */
    record Written(long id, int version) {}

    record SiteWrite(
            Long id,
            Integer expectedVersion,
            long organisationId,
            Site site,
            List<EvidenceWrite> evidence,
            String review) {}

    /** A site changed since the import read it: the import is refused, nothing is written. */
    static final class SiteChangedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String siteKey;

        SiteChangedMeanwhile(String siteKey) {
            super("Site " + siteKey + " changed meanwhile", null, false, false);
            this.siteKey = siteKey;
        }
    }

    /**
     * Matches the wanted evidence of a site to the stored one by (kind, authority, reference), in order, so that a
     * piece of evidence keeps its id, certificate and review history across edits and re-imports. Same fields: the
     * stored level is kept, unless {@code trusted} and the claim differs. Changed or new: the claim when
     * {@code trusted}, else self-declared. Stored evidence left unmatched is deleted by {@link #writeSites}.
     */
    static List<EvidenceWrite> matchEvidence(List<StoredEvidence> stored, List<Evidence> wanted, boolean trusted) {
        Map<String, java.util.ArrayDeque<StoredEvidence>> byIdentity = new HashMap<>();
        for (StoredEvidence row : stored) {
            byIdentity
                    .computeIfAbsent(identity(row.content()), k -> new java.util.ArrayDeque<>())
                    .add(row);
        }
        List<EvidenceWrite> writes = new ArrayList<>();
        for (Evidence evidence : nonNull(wanted)) {
            java.util.ArrayDeque<StoredEvidence> candidates = byIdentity.get(identity(evidence));
            StoredEvidence match = candidates == null ? null : candidates.poll();
            if (match == null) {
                writes.add(
                        trusted
                                ? new EvidenceWrite(null, evidence, LevelWrite.CLAIMED)
                                : new EvidenceWrite(
                                        null,
                                        withLevel(evidence, evidence.verification() == null ? null : "SELF_DECLARED"),
                                        LevelWrite.SELF_DECLARED));
            } else if (sameFields(match.content(), evidence)) {
                boolean sameClaim = level(match.content().verification()).equals(level(evidence.verification()));
                writes.add(
                        trusted && !sameClaim
                                ? new EvidenceWrite(match.id(), evidence, LevelWrite.CLAIMED)
                                : new EvidenceWrite(
                                        match.id(),
                                        withLevel(evidence, match.content().verification()),
                                        LevelWrite.KEEP));
            } else {
                writes.add(
                        trusted
                                ? new EvidenceWrite(match.id(), evidence, LevelWrite.CLAIMED)
                                : new EvidenceWrite(
                                        match.id(), withLevel(evidence, "SELF_DECLARED"), LevelWrite.SELF_DECLARED));
            }
        }
        return writes;
    }

    private static String identity(Evidence evidence) {
        return evidence.kind() + '\u0000' + evidence.authority() + '\u0000' + evidence.reference();
    }

    private static String level(String verification) {
        return verification == null ? "SELF_DECLARED" : verification;
    }

    private static boolean sameFields(Evidence a, Evidence b) {
        return withLevel(a, null).equals(withLevel(b, null));
    }

    /** The evidence with another level; empty scope lists count as absent, like the stored ones. */
    static Evidence withLevel(Evidence e, String verification) {
        return new Evidence(
                e.kind(),
                e.authority(),
                e.reference(),
                e.issued(),
                e.inspected(),
                e.validUntil(),
                e.scopeCodes() == null || e.scopeCodes().isEmpty() ? null : e.scopeCodes(),
                e.outcome(),
                verification);
    }

    /** The stored evidence of every site of an organisation, by site id, in list order. */
    Map<Long, List<StoredEvidence>> evidenceOfOrganisation(long organisationId) {
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
    Map<String, SiteRef> sitesByKeys(java.util.Collection<String> keys) {
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

    /**
     * Inserts a site and its children as a member's new listing: its evidence self-declared, the site waiting for a
     * moderator; returns its id (version 0).
     */
    long insertSite(long organisationId, Site site, Long personId) {
        SiteWrite write = new SiteWrite(
                null, null, organisationId, site, matchEvidence(List.of(), site.gmpEvidence(), false), "PENDING");
        return writeSites(List.of(write), personId).getFirst().id();
    }

    /**
     * Replaces a site's fields and children as a member's edit (the caller has locked the site); returns its new
     * version. Evidence keeps its rows when matched (see {@link #matchEvidence}): the same evidence keeps its level,
     * changed or new evidence is self-declared.
     */
    int updateSite(long id, long organisationId, Site site, Long personId) {
        List<StoredEvidence> stored =
                evidence("site_id = :id", Map.of("id", id)).getOrDefault(id, List.of());
        SiteWrite write =
                new SiteWrite(id, null, organisationId, site, matchEvidence(stored, site.gmpEvidence(), false), null);
        return writeSites(List.of(write), personId).getFirst().version();
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

    /** Outbox rows for many aggregates of one type, in one batch: {@code versions} maps ids to versions. */
    void outbox(String aggregateType, Map<Long, Integer> versions) {
        List<Object[]> rows = new ArrayList<>(versions.size());
        versions.forEach((id, version) -> rows.add(new Object[] {aggregateType, id, version}));
        batch(
                "insert into outbox (aggregate_type, aggregate_id, version) values (?, ?, ?)",
                rows,
                Types.VARCHAR,
                Types.BIGINT,
                Types.INTEGER);
    }

    /**
     * Writes sites and their children in batches (a handful of statements for a whole chunk of sites, whatever its
     * size); returns each site's id and version after the write, in order (version 0 for new ones). New sites get their ids
     * from the identity sequences first, so that children are batched with them. {@code actorPersonId} is recorded
     * as the checker of claimed levels and the reviewer of sites created checked.
     */
    List<Written> writeSites(List<SiteWrite> writes, Long actorPersonId) {
        long[] ids = new long[writes.size()];
        int newCount = (int) writes.stream().filter(w -> w.id() == null).count();
        long[] newIds = reserveIds("site", newCount);
        Timestamp now = Timestamp.from(java.time.Instant.now());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<SiteWrite> updated = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < writes.size(); i++) {
            SiteWrite write = writes.get(i);
            Site site = write.site();
            if (write.id() == null) {
                ids[i] = newIds[next++];
                boolean checked = "CHECKED".equals(write.review());
                inserts.add(concat(
                        new Object[] {ids[i], site.key(), write.organisationId()},
                        siteFields(site),
                        new Object[] {write.review(), checked ? now : null, checked ? actorPersonId : null}));
            } else {
                ids[i] = write.id();
                updates.add(concat(
                        siteFields(site), new Object[] {write.id(), write.organisationId(), write.expectedVersion()}));
                updated.add(write);
            }
        }
        int[] siteTypes = {
            Types.VARCHAR,
            Types.CHAR,
            Types.VARCHAR,
            Types.VARCHAR,
            Types.VARCHAR,
            Types.CHAR,
            Types.CHAR,
            Types.NUMERIC,
            Types.NUMERIC,
            Types.VARCHAR,
            Types.VARCHAR,
            Types.VARCHAR
        };
        batch("""
                insert into site (id, site_key, organisation_id, name, siret, street, postal_code, city, region_code,
                                  country, latitude, longitude, oms_organisation_id, oms_location_id, fda_fei,
                                  review, reviewed_at, reviewed_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, inserts, concat(new int[] {Types.BIGINT, Types.VARCHAR, Types.BIGINT}, siteTypes, new int[] {
            Types.VARCHAR, Types.TIMESTAMP, Types.BIGINT
        }));
        // A listing the moderation rejected goes back to its queue once changed.
        int[] counts = batch(
                """
                update site set name = ?, siret = ?, street = ?, postal_code = ?, city = ?, region_code = ?,
                       country = ?, latitude = ?, longitude = ?, oms_organisation_id = ?, oms_location_id = ?,
                       fda_fei = ?, version = version + 1, updated_at = current_timestamp,
                       review = case when review = 'REJECTED' then 'PENDING' else review end
                 where id = ? and organisation_id = ? and (cast(? as integer) is null or version = ?)
                """,
                updates.stream()
                        .map(row -> concat(row, new Object[] {row[row.length - 1]}))
                        .toList(),
                concat(siteTypes, new int[] {Types.BIGINT, Types.BIGINT, Types.INTEGER, Types.INTEGER}));
        for (int u = 0; u < counts.length; u++) {
            if (counts[u] == 0) {
                throw new SiteChangedMeanwhile(updated.get(u).site().key());
            }
        }
        Map<Long, Integer> updatedVersions = new HashMap<>();
        if (!updated.isEmpty()) {
            Long[] updatedIds = updated.stream().map(SiteWrite::id).toArray(Long[]::new);
            jdbc.sql("select id, version from site where id = any(:ids)")
                    .param("ids", updatedIds)
                    .query((ResultSet rs) -> {
                        updatedVersions.put(rs.getLong(1), rs.getInt(2));
                    });
            // Capabilities (with their bioreactors) and open slots are replaced; evidence keeps its matched rows.
            Set<Long> kept = new HashSet<>();
            updated.forEach(w -> w.evidence().stream()
                    .map(EvidenceWrite::id)
                    .filter(java.util.Objects::nonNull)
                    .forEach(kept::add));
            jdbc.sql("delete from capability where site_id = any(:ids)")
                    .param("ids", updatedIds)
                    .update();
            jdbc.sql("delete from availability_slot where site_id = any(:ids)")
                    .param("ids", updatedIds)
                    .update();
            jdbc.sql("delete from gmp_evidence where site_id = any(:ids) and not (id = any(:kept))")
                    .param("ids", updatedIds)
                    .param("kept", kept.toArray(Long[]::new))
                    .update();
        }
        List<Written> written = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            written.add(new Written(ids[i], writes.get(i).id() == null ? 0 : updatedVersions.get(ids[i])));
        }
        writeEvidence(writes, ids, actorPersonId, now);
        writeCapabilities(writes, ids);
        writeSlots(writes, ids);
        return written;
    }

    private void writeEvidence(List<SiteWrite> writes, long[] siteIds, Long actorPersonId, Timestamp now) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> moves = new ArrayList<>();
        List<Object[]> claims = new ArrayList<>();
        List<Long> selfDeclared = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            List<EvidenceWrite> evidence = writes.get(i).evidence();
            for (int position = 0; position < evidence.size(); position++) {
                EvidenceWrite write = evidence.get(position);
                Evidence e = write.content();
                boolean checked = write.level() == LevelWrite.CLAIMED
                        && !level(e.verification()).equals("SELF_DECLARED");
                Object[] fields = {
                    e.kind(),
                    e.authority(),
                    e.reference(),
                    sqlDate(e.issued()),
                    sqlDate(e.inspected()),
                    sqlDate(e.validUntil()),
                    e.scopeCodes() == null ? null : array(e.scopeCodes()),
                    e.outcome()
                };
                if (write.id() == null) {
                    inserts.add(concat(new Object[] {siteIds[i], position}, fields, new Object[] {
                        e.verification(),
                        checked ? "CHECKED" : "PENDING",
                        checked ? now : null,
                        checked ? actorPersonId : null,
                        checked ? now : null,
                        checked ? actorPersonId : null
                    }));
                } else {
                    moves.add(concat(new Object[] {position}, fields, new Object[] {write.id()}));
                    if (write.level() == LevelWrite.CLAIMED) {
                        claims.add(new Object[] {
                            e.verification(),
                            checked ? "CHECKED" : "PENDING",
                            checked ? now : null,
                            checked ? actorPersonId : null,
                            checked ? now : null,
                            checked ? actorPersonId : null,
                            write.id()
                        });
                    } else if (write.level() == LevelWrite.SELF_DECLARED) {
                        selfDeclared.add(write.id());
                    }
                }
            }
        }
        int[] fieldTypes = {
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.DATE, Types.DATE, Types.ARRAY, Types.VARCHAR
        };
        int[] levelTypes = {Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.BIGINT, Types.TIMESTAMP, Types.BIGINT};
        // Positions are deferrable (0009): rows may swap places inside the transaction.
        batch("""
                update gmp_evidence set position = ?, kind = ?, authority = ?, reference = ?, issued = ?,
                       inspected = ?, valid_until = ?, scope_codes = ?, outcome = ?
                 where id = ?
                """, moves, concat(new int[] {Types.INTEGER}, fieldTypes, new int[] {Types.BIGINT}));
        batch("""
                update gmp_evidence set verification = ?, review = ?, checked_at = ?, checked_by = ?,
                       reviewed_at = ?, reviewed_by = ?, review_comment = null, changed_at = current_timestamp
                 where id = ?
                """, claims, concat(levelTypes, new int[] {Types.BIGINT}));
        // Any change to a piece of evidence by an organisation goes back to self-declared, by the one owner of levels.
        selfDeclared.forEach(id -> reviews.getObject().editedByMember(id));
        batch("""
                insert into gmp_evidence (site_id, position, kind, authority, reference, issued, inspected,
                                          valid_until, scope_codes, outcome, verification, review, checked_at,
                                          checked_by, reviewed_at, reviewed_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, inserts, concat(new int[] {Types.BIGINT, Types.INTEGER}, fieldTypes, levelTypes));
    }

    private void writeCapabilities(List<SiteWrite> writes, long[] siteIds) {
        int total = writes.stream()
                .mapToInt(w -> nonNull(w.site().capabilities()).size())
                .sum();
        long[] capabilityIds = reserveIds("capability", total);
        List<Object[]> capabilities = new ArrayList<>();
        List<Object[]> bioreactors = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < writes.size(); i++) {
            int position = 0;
            for (Capability c : nonNull(writes.get(i).site().capabilities())) {
                long capabilityId = capabilityIds[next++];
                capabilities.add(new Object[] {
                    capabilityId,
                    siteIds[i],
                    position++,
                    c.modality(),
                    array(c.services()),
                    array(c.stages()),
                    c.expressionSystems() == null ? null : array(c.expressionSystems()),
                    c.gmp(),
                    c.cleanroomSuites(),
                    c.batchesPerYear(),
                    c.notes() == null ? null : c.notes().fr(),
                    c.notes() == null ? null : c.notes().en()
                });
                int reactor = 0;
                for (Bioreactor b : nonNull(c.bioreactors())) {
                    bioreactors.add(
                            new Object[] {capabilityId, reactor++, b.technology(), b.workingVolumeLitres(), b.count()});
                }
            }
        }
        batch(
                """
                insert into capability (id, site_id, position, modality, services, stages, expression_systems, gmp,
                                        cleanroom_suites, batches_per_year, notes_fr, notes_en)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                capabilities,
                Types.BIGINT,
                Types.BIGINT,
                Types.INTEGER,
                Types.VARCHAR,
                Types.ARRAY,
                Types.ARRAY,
                Types.ARRAY,
                Types.BOOLEAN,
                Types.INTEGER,
                Types.INTEGER,
                Types.VARCHAR,
                Types.VARCHAR);
        batch("""
                insert into bioreactor (capability_id, position, technology, working_volume_litres, unit_count)
                values (?, ?, ?, ?, ?)
                """, bioreactors, Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.NUMERIC, Types.INTEGER);
    }

    private void writeSlots(List<SiteWrite> writes, long[] siteIds) {
        List<Object[]> slots = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            int position = 0;
            for (Availability slot : nonNull(writes.get(i).site().availability())) {
                slots.add(new Object[] {
                    siteIds[i],
                    position++,
                    sqlDate(slot.from()),
                    sqlDate(slot.to()),
                    slot.modality(),
                    slot.stage(),
                    slot.workingVolumeLitres(),
                    slot.slots(),
                    slot.note() == null ? null : slot.note().fr(),
                    slot.note() == null ? null : slot.note().en()
                });
            }
        }
        batch(
                """
                insert into availability_slot (site_id, position, available_from, available_to, modality, stage,
                                               working_volume_litres, slots, note_fr, note_en)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                slots,
                Types.BIGINT,
                Types.INTEGER,
                Types.DATE,
                Types.DATE,
                Types.VARCHAR,
                Types.VARCHAR,
                Types.NUMERIC,
                Types.INTEGER,
                Types.VARCHAR,
                Types.VARCHAR);
    }

    /** The site's own columns, in the order of the insert and update above (after the key and owner). */
    private static Object[] siteFields(Site site) {
        Identifiers ids = site.identifiers();
        return new Object[] {
            site.name(),
            site.siret(),
            site.address().street(),
            site.address().postalCode(),
            site.address().city(),
            site.address().regionCode(),
            site.address().country(),
            site.location() == null ? null : site.location().lat(),
            site.location() == null ? null : site.location().lon(),
            ids == null ? null : ids.omsOrganisationId(),
            ids == null ? null : ids.omsLocationId(),
            ids == null ? null : ids.fdaFei()
        };
    }

    /** The next {@code count} ids of a table's identity column, taken now (identity columns accept given ids). */
    private long[] reserveIds(String table, int count) {
        if (count == 0) {
            return new long[0];
        }
        return jdbc
                .sql("select nextval(pg_get_serial_sequence(:table, 'id')) from generate_series(1, :count)")
                .param("table", table)
                .param("count", count)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    /** One JDBC batch (the driver sends it in one round trip); typed so that nulls need no lookups. */
    private int[] batch(String sql, List<Object[]> rows, int... types) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return template.batchUpdate(sql, rows, types);
    }

    private static Object[] concat(Object[]... parts) {
        List<Object> all = new ArrayList<>();
        for (Object[] part : parts) {
            all.addAll(Arrays.asList(part));
        }
        return all.toArray();
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
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
