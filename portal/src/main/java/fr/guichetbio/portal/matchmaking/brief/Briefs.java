package fr.guichetbio.portal.matchmaking.brief;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.ExpressionSystem;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Modality;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Service;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Stage;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Technology;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.VerificationLevel;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code brief} table, which only this module writes. */
@Repository
class Briefs {

    private static final String COLUMNS = """
            id, organisation_id, created_by, status, title, modality, expression_system, stage, annual_quantity_kg,
            litres_per_batch, sizing, services, technologies, preferred_technologies, start_from, start_to, region, place_name, place_lat, place_lon,
            radius_km, minimum_verification, gmp_required, anonymous, version, created_at, updated_at
            """;

    private final JdbcClient jdbc;

    Briefs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Brief> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from brief where id = :id")
                .param("id", id)
                .query(Briefs::brief)
                .optional();
    }

    /** The organisation's briefs, the latest changed first. */
    List<Brief> ofOrganisation(long organisationId) {
        return jdbc.sql("select " + COLUMNS
                        + " from brief where organisation_id = :o order by updated_at desc, id desc")
                .param("o", organisationId)
                .query(Briefs::brief)
                .list();
    }

    long insert(long organisationId, Long createdBy, BriefStatus status, BriefContent content) {
        return params(jdbc.sql("""
                                insert into brief (organisation_id, created_by, status, title, modality,
                                    expression_system, stage, annual_quantity_kg, litres_per_batch, sizing, services,
                                    technologies, preferred_technologies, start_from, start_to, region, place_name, place_lat, place_lon, radius_km,
                                    minimum_verification, gmp_required, anonymous)
                                values (:organisation, :createdBy, :status, :title, :modality, :expressionSystem,
                                    :stage, :quantity, :litres, :sizing, cast(:services as varchar[]),
                                    cast(:technologies as varchar[]), cast(:preferredTechnologies as varchar[]),
                                    :startFrom,
                                    :startTo, :region, :placeName, :placeLat, :placeLon, :radius, :verification,
                                    :gmp, :anonymous)
                                returning id
                                """), content)
                .param("organisation", organisationId)
                .param("createdBy", createdBy)
                .param("status", status.name())
                .query(Long.class)
                .single();
    }

    /** Saves the content if the brief is still at {@code version}; whether it was. */
    boolean update(long id, int version, BriefContent content) {
        return params(jdbc.sql("""
                                        update brief set title = :title, modality = :modality,
                                            expression_system = :expressionSystem, stage = :stage,
                                            annual_quantity_kg = :quantity, litres_per_batch = :litres,
                                            sizing = :sizing, services = cast(:services as varchar[]),
                                            technologies = cast(:technologies as varchar[]),
                                            preferred_technologies = cast(:preferredTechnologies as varchar[]),
                                            start_from = :startFrom, start_to = :startTo, region = :region,
                                            place_name = :placeName, place_lat = :placeLat, place_lon = :placeLon,
                                            radius_km = :radius, minimum_verification = :verification,
                                            gmp_required = :gmp, anonymous = :anonymous,
                                            version = version + 1, updated_at = now()
                                        where id = :id and version = :version and status <> 'CLOSED'
                                        """), content)
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    /** Moves the brief from {@code from} to {@code to}; whether it was in {@code from}. */
    boolean changeStatus(long id, BriefStatus from, BriefStatus to) {
        return jdbc.sql("""
                                update brief set status = :to, version = version + 1, updated_at = now()
                                where id = :id and status = :from
                                """)
                        .param("id", id)
                        .param("from", from.name())
                        .param("to", to.name())
                        .update()
                == 1;
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, BriefContent c) {
        return statement
                .param("title", c.title().strip())
                .param("modality", c.modality().name())
                .param(
                        "expressionSystem",
                        c.expressionSystem() == null
                                ? null
                                : c.expressionSystem().name())
                .param("stage", c.stage() == null ? null : c.stage().name())
                .param("quantity", c.annualQuantityKg() == null ? null : BigDecimal.valueOf(c.annualQuantityKg()))
                .param("litres", c.litresPerBatch() == null ? null : BigDecimal.valueOf(c.litresPerBatch()))
                .param("sizing", c.sizing())
                .param("services", array(c.services()))
                .param("technologies", array(c.technologies()))
                .param("preferredTechnologies", array(c.preferredTechnologies()))
                .param("startFrom", c.startFrom() == null ? null : c.startFrom().toString())
                .param("startTo", c.startTo() == null ? null : c.startTo().toString())
                .param("region", c.region().name())
                .param("placeName", c.place() == null ? null : c.place().name())
                .param("placeLat", c.place() == null ? null : c.place().lat())
                .param("placeLon", c.place() == null ? null : c.place().lon())
                .param("radius", c.radiusKm())
                .param("verification", c.minimumVerification().name())
                .param("gmp", c.gmpRequired())
                .param("anonymous", c.anonymous());
    }

    private static Brief brief(ResultSet rs, int row) throws SQLException {
        String placeName = rs.getString("place_name");
        BriefContent content = new BriefContent(
                rs.getString("title"),
                Modality.valueOf(rs.getString("modality")),
                rs.getString("expression_system") == null
                        ? null
                        : ExpressionSystem.valueOf(rs.getString("expression_system")),
                rs.getString("stage") == null ? null : Stage.valueOf(rs.getString("stage")),
                doubleOrNull(rs.getBigDecimal("annual_quantity_kg")),
                doubleOrNull(rs.getBigDecimal("litres_per_batch")),
                rs.getString("sizing"),
                codes(rs.getArray("services"), Service::valueOf),
                codes(rs.getArray("technologies"), Technology::valueOf),
                codes(rs.getArray("preferred_technologies"), Technology::valueOf),
                BriefContent.Quarter.parse(rs.getString("start_from")),
                BriefContent.Quarter.parse(rs.getString("start_to")),
                BriefContent.Region.valueOf(rs.getString("region")),
                placeName == null
                        ? null
                        : new BriefContent.Place(placeName, rs.getDouble("place_lat"), rs.getDouble("place_lon")),
                (Integer) rs.getObject("radius_km"),
                VerificationLevel.valueOf(rs.getString("minimum_verification")),
                rs.getBoolean("gmp_required"),
                rs.getBoolean("anonymous"));
        return new Brief(
                rs.getLong("id"),
                rs.getLong("organisation_id"),
                rs.getObject("created_by", Long.class),
                BriefStatus.valueOf(rs.getString("status")),
                content,
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Double doubleOrNull(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static <E extends Enum<E>> List<E> codes(Array array, java.util.function.Function<String, E> parse)
            throws SQLException {
        List<E> codes = new ArrayList<>();
        if (array != null) {
            for (Object code : (Object[]) array.getArray()) {
                codes.add(parse.apply((String) code));
            }
        }
        return codes;
    }

    /** Codes as a PostgreSQL array literal (codes are upper-case letters and underscores: nothing to quote). */
    private static String array(List<? extends Enum<?>> codes) {
        return "{" + String.join(",", codes.stream().map(Enum::name).toList()) + "}";
    }
}
