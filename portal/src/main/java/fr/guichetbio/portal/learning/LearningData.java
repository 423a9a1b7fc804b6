package fr.guichetbio.portal.learning;

import fr.guichetbio.portal.identity.AccountDeleted;
import fr.guichetbio.training.enrolment.LearnerRecords;
import fr.guichetbio.training.record.LearningStatements;
import fr.guichetbio.training.transcript.Transcripts;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The person's training data for the portal's account pages: exported with the rest of their data, erased with their
 * account (in the deletion's transaction, like the other modules' data).
 */
@Component
public class LearningData {

    private final LearnerRecords records;
    private final Transcripts transcripts;
    private final LearningStatements statements;

    LearningData(LearnerRecords records, Transcripts transcripts, LearningStatements statements) {
        this.records = records;
        this.transcripts = transcripts;
        this.statements = statements;
    }

    public List<Map<String, Object>> export(long personId) {
        return records.export(personId);
    }

    public List<Map<String, Object>> certificates(long personId) {
        return records.certificates(personId);
    }

    /** The person's learning records: xAPI statements, oldest first. */
    public List<Map<String, Object>> statements(long personId) {
        return statements.export(personId);
    }

    @EventListener
    void on(AccountDeleted deleted) {
        records.erase(deleted.personId());
        // The transcript's share links stop working with the account.
        transcripts.erase(deleted.personId());
    }
}
