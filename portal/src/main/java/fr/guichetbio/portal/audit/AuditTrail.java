package fr.guichetbio.portal.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail. {@link #record} joins the caller's transaction, so an entry exists exactly when the
 * change it describes was committed. The database refuses updates and deletes of entries (trigger).
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a change; must be called inside the transaction that makes it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEvent event) {
        jdbc.sql("""
                        insert into audit_entry (actor_person_id, actor_client_id, organisation_id, action,
                                                 target_type, target_id, before_state, after_state, ip)
                        values (:person, :client, :organisation, :action, :targetType, :targetId,
                                cast(:before as jsonb), cast(:after as jsonb), :ip)
                        """)
                .param("person", event.actorPersonId())
                .param("client", event.actorClientId())
                .param("organisation", event.organisationId())
                .param("action", event.action())
                .param("targetType", event.targetType())
                .param("targetId", event.targetId())
                .param("before", event.before() == null ? null : json.writeValueAsString(event.before()))
                .param("after", event.after() == null ? null : json.writeValueAsString(event.after()))
                .param("ip", clientIp())
                .update();
    }

    /** Entries matching the query, newest first, with the actor's current display name. */
    @Transactional(readOnly = true)
    public List<AuditEntry> find(AuditQuery query) {
        return select(query, query.pageSize());
    }

    /** One page of {@link #find}, and whether a next page exists (same query, one more row read). */
    @Transactional(readOnly = true)
    public AuditPage findPage(AuditQuery query) {
        List<AuditEntry> entries = select(query, query.pageSize() + 1);
        boolean hasNext = entries.size() > query.pageSize();
        return new AuditPage(hasNext ? entries.subList(0, query.pageSize()) : entries, hasNext);
    }

    /**
     * Entries whose target is the person (role grants, suspensions, membership changes…), whoever acted, newest
     * first: for the person's data export.
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> aboutPerson(long personId, int page, int pageSize) {
        return jdbc.sql("""
                        select a.id, a.occurred_at, a.actor_person_id, a.actor_client_id, a.organisation_id, a.action,
                               a.target_type, a.target_id, a.before_state::text as before_state,
                               a.after_state::text as after_state, a.ip,
                               coalesce(p.display_name, p.name) as actor_name
                          from audit_entry a left join person p on p.id = a.actor_person_id
                         where a.target_type = 'person' and a.target_id = :person
                         order by a.occurred_at desc, a.id desc limit :limit offset :offset
                        """)
                .param("person", String.valueOf(personId))
                .param("limit", pageSize)
                .param("offset", Math.max(0, page) * pageSize)
                .query((rs, n) -> entry(rs))
                .list();
    }

    private List<AuditEntry> select(AuditQuery query, int limit) {
        StringBuilder sql = new StringBuilder("""
                select a.id, a.occurred_at, a.actor_person_id, a.actor_client_id, a.organisation_id, a.action,
                       a.target_type, a.target_id, a.before_state::text as before_state,
                       a.after_state::text as after_state, a.ip,
                       coalesce(p.display_name, p.name) as actor_name
                  from audit_entry a left join person p on p.id = a.actor_person_id
                 where 1 = 1
                """);
        List<Object> params = new ArrayList<>();
        if (query.organisationId() != null) {
            sql.append(" and a.organisation_id = ?");
            params.add(query.organisationId());
        }
        if (query.actorPersonId() != null) {
            sql.append(" and a.actor_person_id = ?");
            params.add(query.actorPersonId());
        }
        if (query.action() != null && !query.action().isBlank()) {
            sql.append(" and a.action like ?");
            params.add(query.action().strip() + "%");
        }
        if (query.targetType() != null && !query.targetType().isBlank()) {
            sql.append(" and a.target_type = ?");
            params.add(query.targetType().strip());
        }
        if (query.from() != null) {
            sql.append(" and a.occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and a.occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        sql.append(" order by a.occurred_at desc, a.id desc limit ? offset ?");
        params.add(limit);
        params.add(query.page() * query.pageSize());
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> entry(rs))
                .list();
    }

    private static AuditEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                (Long) rs.getObject("actor_person_id"),
                rs.getString("actor_name"),
                rs.getString("actor_client_id"),
                (Long) rs.getObject("organisation_id"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("before_state"),
                rs.getString("after_state"),
                rs.getString("ip"));
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            // Behind a proxy, server.forward-headers-strategy makes this the client's address.
            return request.getRemoteAddr();
        }
        return null;
    }

    /** An entry as shown to admins and organisation admins; states are JSON text. */
    public record AuditEntry(
            long id,
            Instant occurredAt,
            Long actorPersonId,
            String actorName,
            String actorClientId,
            Long organisationId,
            String action,
            String targetType,
            String targetId,
            String before,
            String after,
            String ip) {}

    /** A page of entries and whether there is a next one. */
    public record AuditPage(List<AuditEntry> entries, boolean hasNext) {

        public AuditPage {
            entries = List.copyOf(entries);
        }
    }

    /** Filters, all optional; pages start at 0. */
    public record AuditQuery(
            Long organisationId,
            Long actorPersonId,
            String action,
            String targetType,
            Instant from,
            Instant to,
            int page,
            int pageSize) {

        public AuditQuery {
            page = Math.max(0, page);
            pageSize = Math.clamp(pageSize, 1, 200);
        }

        public static AuditQuery forOrganisation(long organisationId, int page) {
            return new AuditQuery(organisationId, null, null, null, null, null, page, 50);
        }
    }
}
