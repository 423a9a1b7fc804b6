package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.record.LearningStatements;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The learner's own learning records, as the xAPI statements training wrote (a JSON array, oldest first). */
@Controller
class LearningRecordsController {

    static final String MINE = CertificatesController.MINE + "/traces.json";

    private final LearningStatements statements;
    private final Learners learners;

    LearningRecordsController(LearningStatements statements, Learners learners) {
        this.statements = statements;
        this.learners = learners;
    }

    @GetMapping(MINE)
    ResponseEntity<byte[]> mine() {
        Learner learner = learners.current().orElseThrow(() -> new AccessDeniedException("Sign in"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"traces-apprentissage.json\"")
                .body(statements.exportJson(learner.personId()).getBytes(StandardCharsets.UTF_8));
    }
}
