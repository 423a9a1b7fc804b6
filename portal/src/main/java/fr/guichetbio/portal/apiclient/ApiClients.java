package fr.guichetbio.portal.apiclient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_client} table. Access checks and the audit are the callers' business. */
@Repository
class ApiClients {

    private static final String COLUMNS = "id, client_id, organisation_id, name, scopes, created_by, created_at,"
            + " revoked_at, revoked_by, last_used_at";

    private final JdbcClient jdbc;

    ApiClients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A client with its secret hash, for authentication. */
    record Credentials(ApiClient client, String secretHash) {}

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
        return jdbc.sql("select " + COLUMNS + ", secret_hash from api_client where client_id = :clientId")
                .param("clientId", clientId)
                .query((rs, n) -> new Credentials(row(rs), rs.getString("secret_hash")))
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
