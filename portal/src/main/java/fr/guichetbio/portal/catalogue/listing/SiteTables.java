package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Bioreactor;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Identifiers;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.listing.Catalogues.EvidenceWrite;
import fr.guichetbio.portal.catalogue.listing.Catalogues.SiteChangedMeanwhile;
import fr.guichetbio.portal.catalogue.listing.Catalogues.SiteWrite;
import fr.guichetbio.portal.catalogue.listing.Catalogues.Written;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The batched writes of sites and their children (capabilities with their bioreactors, GMP evidence, open slots), in
 * the caller's transaction: a handful of JDBC batches for a whole chunk of an import, whatever its size.
 */
@Repository
public class SiteTables {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SiteTables(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Writes sites and their children in batches (a handful of statements for a whole chunk of sites, whatever its
     * size); returns each site's id and version after the write, in order (version 0 for new ones). New sites get their ids
     * from the identity sequences first, so that children are batched with them. {@code actorPersonId} is recorded
     * as the reviewer of sites created checked. Evidence is written without its level, which only
     * {@link EvidenceReviews#recordLevels} writes, in the same transaction.
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
        List<List<Long>> evidenceIds = writeEvidence(writes, ids);
        List<Written> written = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            written.add(new Written(
                    ids[i], writes.get(i).id() == null ? 0 : updatedVersions.get(ids[i]), evidenceIds.get(i)));
        }
        writeCapabilities(writes, ids);
        writeSlots(writes, ids);
        return written;
    }

    /** Writes the evidence's fields and positions (not its level); returns the rows' ids by site, in list order. */
    private List<List<Long>> writeEvidence(List<SiteWrite> writes, long[] siteIds) {
        long[] newIds = reserveIds("gmp_evidence", (int) writes.stream()
                .flatMap(w -> w.evidence().stream())
                .filter(e -> e.id() == null)
                .count());
        int next = 0;
        List<List<Long>> ids = new ArrayList<>(writes.size());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> moves = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            List<EvidenceWrite> evidence = writes.get(i).evidence();
            List<Long> siteEvidence = new ArrayList<>(evidence.size());
            for (int position = 0; position < evidence.size(); position++) {
                EvidenceWrite write = evidence.get(position);
                Evidence e = write.content();
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
                    long id = newIds[next++];
                    siteEvidence.add(id);
                    inserts.add(concat(new Object[] {id, siteIds[i], position}, fields));
                } else {
                    siteEvidence.add(write.id());
                    moves.add(concat(new Object[] {position}, fields, new Object[] {write.id()}));
                }
            }
            ids.add(siteEvidence);
        }
        int[] fieldTypes = {
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.DATE, Types.DATE, Types.ARRAY, Types.VARCHAR
        };
        // Positions are deferrable (0009): rows may swap places inside the transaction.
        batch("""
                update gmp_evidence set position = ?, kind = ?, authority = ?, reference = ?, issued = ?,
                       inspected = ?, valid_until = ?, scope_codes = ?, outcome = ?
                 where id = ?
                """, moves, concat(new int[] {Types.INTEGER}, fieldTypes, new int[] {Types.BIGINT}));
        batch("""
                insert into gmp_evidence (id, site_id, position, kind, authority, reference, issued, inspected,
                                          valid_until, scope_codes, outcome)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, inserts, concat(new int[] {Types.BIGINT, Types.BIGINT, Types.INTEGER}, fieldTypes));
        return ids;
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
                    c.technologies() == null ? null : array(c.technologies()),
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
                insert into capability (id, site_id, position, modality, services, stages, expression_systems,
                                        technologies, gmp, cleanroom_suites, batches_per_year, notes_fr, notes_en)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                capabilities,
                Types.BIGINT,
                Types.BIGINT,
                Types.INTEGER,
                Types.VARCHAR,
                Types.ARRAY,
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
}
