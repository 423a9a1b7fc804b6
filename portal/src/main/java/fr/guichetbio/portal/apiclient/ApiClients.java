package fr.guichetbio.portal.apiclient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_client} table. Access checks and the audit are the callers' business. */
@Repository
class ApiClients {

    private static final String COLUMNS = "id, client_id, organisation_id, name, scopes, created_by, created_at,"
            + " revoked_at, revoked_by, last_used_at";

    /**
     * Whether the client's creator is still an administrator of its organisation and an active person. Read with the
     * client in the same statement (membership is the organisation module's table, person the identity module's; read
     * only): the check runs at every API request and token request, so it costs no extra query. Clients are revoked
     * when their creator loses admin rights; this catches a token presented in between, or a right lost some other way.
     */
    private static final String CREATOR_IS_ADMIN = """
            exists (select 1 from membership m join person p on p.id = m.person_id
                     where m.organisation_id = c.organisation_id and m.person_id = c.created_by
                       and m.role = 'ADMIN' and p.suspended_at is null and p.deleted_at is null)""";

    private final JdbcClient jdbc;

    ApiClients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A client with its secret hash, for authentication.
     *
     * @param creatorIsAdmin whether the person who registered it is still an active admin of its organisation
     */
    record Credentials(ApiClient client, String secretHash, boolean creatorIsAdmin) {

        /** Whether the client may get tokens and use them: not revoked, its creator still answers for it. */
        boolean usable() {
            return !client.revoked() && creatorIsAdmin;
        }
    }

    long insert(String clientId, String secretHash, long organisationId, String name, List<String> scopes, long by) {
        return jdbc.sql("""
                        insert into api_client (client_id, secret_hash, organisation_id, name, scopes, created_by)
                        values (:clientId, :hash, :organisation, :name, :scopes, :by)
                        returning id
                        """)
                .param("clientId", clientId)
                .param("hash", secretHash)
                .param("organisation", organisationId)
                .param("name", name)
                .param("scopes", String.join(" ", scopes))
                .param("by", by)
                .query(Long.class)
                .single();
    }

    Optional<ApiClient> find(String clientId) {
        return jdbc.sql("select " + COLUMNS + " from api_client where client_id = :clientId")
                .param("clientId", clientId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    Optional<Credentials> credentials(String clientId) {
        return jdbc.sql("select " + COLUMNS + ", secret_hash, " + CREATOR_IS_ADMIN
                        + " as creator_is_admin from api_client c where client_id = :clientId")
                .param("clientId", clientId)
                .query((rs, n) ->
                        new Credentials(row(rs), rs.getString("secret_hash"), rs.getBoolean("creator_is_admin")))
                .optional();
    }

    /** The client, when it is not revoked and its creator is still an active admin of its organisation. */
    Optional<ApiClient> findUsable(String clientId) {
        return jdbc.sql("select " + COLUMNS + " from api_client c where client_id = :clientId and revoked_at is null"
                        + " and " + CREATOR_IS_ADMIN)
                .param("clientId", clientId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** The organisation's clients, active first, newest first. */
    List<ApiClient> ofOrganisation(long organisationId) {
        return jdbc.sql("select " + COLUMNS + " from api_client where organisation_id = :organisation"
                        + " order by revoked_at is not null, created_at desc, id desc")
                .param("organisation", organisationId)
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Revokes an active client of that organisation; false when there is none (unknown, other or revoked). */
    boolean revoke(String clientId, long organisationId, long by) {
        return jdbc.sql("""
                        update api_client set revoked_at = current_timestamp, revoked_by = :by
                         where client_id = :clientId and organisation_id = :organisation and revoked_at is null
                        """)
                        .param("by", by)
                        .param("clientId", clientId)
                        .param("organisation", organisationId)
                        .update()
                == 1;
    }

    /**
     * Revokes the active clients the person registered, for one organisation or (null) for all; returns them as they
     * are now, revoked.
     */
    List<ApiClient> revokeCreatedBy(long creator, Long organisationId, long by) {
        return jdbc.sql("update api_client set revoked_at = current_timestamp, revoked_by = :by"
                        + " where created_by = :creator and revoked_at is null"
                        + (organisationId == null ? "" : " and organisation_id = :organisation")
                        + " returning " + COLUMNS)
                .param("by", by)
                .param("creator", creator)
                .params(organisationId == null ? Map.of() : Map.of("organisation", organisationId))
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Records a use, writing only when the last recorded one is older than a minute. */
    void touch(String clientId) {
        jdbc.sql("""
                        update api_client set last_used_at = current_timestamp
                         where client_id = :clientId
                           and (last_used_at is null or last_used_at < current_timestamp - interval '1 minute')
                        """).param("clientId", clientId).update();
    }

    private static ApiClient row(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        return new ApiClient(
                rs.getLong("id"),
                rs.getString("client_id"),
                rs.getLong("organisation_id"),
                rs.getString("name"),
                scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")),
                (Long) rs.getObject("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("revoked_at")),
                (Long) rs.getObject("revoked_by"),
                instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
