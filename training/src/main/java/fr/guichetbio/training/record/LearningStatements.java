package fr.guichetbio.training.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The learning records ({@code learning_statement}): one xAPI statement per learning event, read back per learner as
 * JSON (their export) — the only class that writes the table, with the forwarder's bookkeeping.
 */
@Service
public class LearningStatements {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JdbcClient jdbc;

    LearningStatements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a statement about the person, once: a statement with the same id (a replayed event) is ignored. */
    @Transactional
    void store(long personId, ObjectNode statement) {
        jdbc.sql("""
                        insert into learning_statement (id, person_id, verb, statement_timestamp, statement)
                        values (:id, :person, :verb, :timestamp, cast(:statement as jsonb))
                        on conflict (id) do nothing
                        """)
                .param("id", UUID.fromString(statement.get("id").asString()))
                .param("person", personId)
                .param("verb", statement.get("verb").get("id").asString())
                .param(
                        "timestamp",
                        Timestamp.from(Instant.parse(statement.get("timestamp").asString())))
                .param("statement", JSON.writeValueAsString(statement))
                .update();
    }

    /** The person's statements as a JSON array (xAPI statements, oldest first). */
    @Transactional(readOnly = true)
    public String exportJson(long personId) {
        return "[" + String.join(",", statementsOf(personId)) + "]";
    }

    /** The person's statements, oldest first, for the account's data export. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> export(long personId) {
        return statementsOf(personId).stream()
                .map(statement -> JSON.readValue(statement, OBJECT))
                .toList();
    }

    private List<String> statementsOf(long personId) {
        return jdbc.sql("""
                        select statement::text from learning_statement where person_id = :person
                         order by statement_timestamp, stored_at, id
                        """).param("person", personId).query(String.class).list();
    }
}
