package fr.guichetbio.portal.matchmaking.request;

import fr.guichetbio.portal.document.UploadedPdf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code match_request}, {@code match_message} and {@code match_attachment} tables, which only this module writes. */
@Repository
class MatchRequests {

    private static final String COLUMNS = """
            id, brief_id, sponsor_organisation_id, manufacturer_organisation_id, site_key, site_name,
            brief_snapshot::text as brief_snapshot, status, revealed, version, created_at, updated_at
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MatchRequests(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<MatchRequest> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from match_request where id = :id")
                .param("id", id)
                .query(this::request)
                .optional();
    }

    List<MatchRequest> ofBrief(long briefId) {
        return jdbc.sql("select " + COLUMNS + " from match_request where brief_id = :b order by id")
                .param("b", briefId)
                .query(this::request)
                .list();
    }

    List<MatchRequest> received(long manufacturerOrganisationId) {
        return jdbc.sql(
                        "select " + COLUMNS
                                + " from match_request where manufacturer_organisation_id = :o order by updated_at desc, id desc")
                .param("o", manufacturerOrganisationId)
                .query(this::request)
                .list();
    }

    List<MatchRequest> sent(long sponsorOrganisationId) {
        return jdbc.sql("select " + COLUMNS
                        + " from match_request where sponsor_organisation_id = :o order by updated_at desc, id desc")
                .param("o", sponsorOrganisationId)
                .query(this::request)
                .list();
    }

    /** The site keys of the brief already asked: one request per brief and site. */
    List<String> askedSites(long briefId) {
        return jdbc.sql("select site_key from match_request where brief_id = :b")
                .param("b", briefId)
                .query(String.class)
                .list();
    }

    long insert(
            long briefId,
            long sponsor,
            long manufacturer,
            String siteKey,
            String siteName,
            Map<String, Object> snapshot,
            boolean revealed,
            long sentBy) {
        return jdbc.sql("""
                        insert into match_request (brief_id, sponsor_organisation_id, manufacturer_organisation_id,
                            site_key, site_name, brief_snapshot, revealed, sent_by)
                        values (:brief, :sponsor, :manufacturer, :siteKey, :siteName, cast(:snapshot as jsonb),
                            :revealed, :sentBy)
                        returning id
                        """)
                .param("brief", briefId)
                .param("sponsor", sponsor)
                .param("manufacturer", manufacturer)
                .param("siteKey", siteKey)
                .param("siteName", siteName)
                .param("snapshot", json.writeValueAsString(snapshot))
                .param("revealed", revealed)
                .param("sentBy", sentBy)
                .query(Long.class)
                .single();
    }

    /** Moves the request to {@code to} if it is in one of {@code from}; whether it was. */
    boolean changeStatus(long id, List<RequestStatus> from, RequestStatus to) {
        return jdbc.sql("""
                                update match_request set status = :to, version = version + 1, updated_at = now()
                                where id = :id and status in (:from)
                                """)
                        .param("id", id)
                        .param("to", to.name())
                        .param("from", from.stream().map(Enum::name).toList())
                        .update()
                == 1;
    }

    void touch(long id) {
        jdbc.sql("update match_request set version = version + 1, updated_at = now() where id = :id")
                .param("id", id)
                .update();
    }

    boolean reveal(long id) {
        return jdbc.sql("""
                                update match_request set revealed = true, version = version + 1, updated_at = now()
                                where id = :id and not revealed
                                """).param("id", id).update() == 1;
    }

    /** Adds a message to the thread; its id. */
    long addMessage(
            long requestId,
            Side side,
            Long author,
            MessageKind kind,
            String body,
            String slotQuarter,
            String timeline,
            DeclineReason reason) {
        return jdbc.sql("""
                        insert into match_message (request_id, side, author_person_id, kind, body, slot_quarter,
                            timeline, reason)
                        values (:request, :side, :author, :kind, :body, :slot, :timeline, :reason)
                        returning id
                        """)
                .param("request", requestId)
                .param("side", side.name())
                .param("author", author)
                .param("kind", kind.name())
                .param("body", body)
                .param("slot", slotQuarter)
                .param("timeline", timeline)
                .param("reason", reason == null ? null : reason.name())
                .query(Long.class)
                .single();
    }

    void addAttachment(long requestId, long messageId, Side side, UploadedPdf pdf, Long uploadedBy) {
        jdbc.sql("""
                        insert into match_attachment (request_id, message_id, side, file_name, size_bytes, sha256,
                            content, uploaded_by)
                        values (:request, :message, :side, :name, :size, :sha, :content, :by)
                        """)
                .param("request", requestId)
                .param("message", messageId)
                .param("side", side.name())
                .param("name", pdf.fileName())
                .param("size", pdf.sizeBytes())
                .param("sha", pdf.sha256())
                .param("content", pdf.content())
                .param("by", uploadedBy)
                .update();
    }

    int attachmentCount(long requestId) {
        return jdbc.sql("select count(*) from match_attachment where request_id = :r")
                .param("r", requestId)
                .query(Integer.class)
                .single();
    }

    /** An attachment of this request, with its content (an id of another request's attachment finds nothing). */
    Optional<RequestAttachment.File> attachment(long requestId, long attachmentId) {
        return jdbc.sql("select file_name, content from match_attachment where id = :id and request_id = :r")
                .param("id", attachmentId)
                .param("r", requestId)
                .query((rs, row) -> new RequestAttachment.File(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    /** The thread, oldest first, each message with its attachments (without their content). */
    List<RequestMessage> messages(long requestId) {
        Map<Long, List<RequestAttachment>> attachments = jdbc
                .sql("""
                        select id, message_id, side, file_name, size_bytes, created_at
                        from match_attachment where request_id = :r order by id
                        """)
                .param("r", requestId)
                .query((rs, row) -> new RequestAttachment(
                        rs.getLong("id"),
                        rs.getLong("message_id"),
                        Side.valueOf(rs.getString("side")),
                        rs.getString("file_name"),
                        rs.getInt("size_bytes"),
                        rs.getTimestamp("created_at").toInstant()))
                .list()
                .stream()
                .collect(Collectors.groupingBy(RequestAttachment::messageId));
        return jdbc.sql("""
                        select id, side, kind, body, slot_quarter, timeline, reason, created_at
                        from match_message where request_id = :r order by id
                        """)
                .param("r", requestId)
                .query((rs, row) -> new RequestMessage(
                        rs.getLong("id"),
                        Side.valueOf(rs.getString("side")),
                        MessageKind.valueOf(rs.getString("kind")),
                        rs.getString("body"),
                        rs.getString("slot_quarter"),
                        rs.getString("timeline"),
                        rs.getString("reason") == null ? null : DeclineReason.valueOf(rs.getString("reason")),
                        rs.getTimestamp("created_at").toInstant(),
                        attachments.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    private MatchRequest request(ResultSet rs, int row) throws SQLException {
        return new MatchRequest(
                rs.getLong("id"),
                rs.getLong("brief_id"),
                rs.getLong("sponsor_organisation_id"),
                rs.getLong("manufacturer_organisation_id"),
                rs.getString("site_key"),
                rs.getString("site_name"),
                json.readValue(rs.getString("brief_snapshot"), new TypeReference<Map<String, Object>>() {}),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getBoolean("revealed"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
