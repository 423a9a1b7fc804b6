package fr.guichetbio.training.demo;

import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.path.LearningPaths;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes the demo courses (version 1.0 with their question banks) for a demo training provider, and the demo
 * learning paths. The application calls it for local runs and tests only. Idempotent: a course that exists is left
 * as it is (instructors may have published newer versions); paths are rewritten.
 */
@Service
public class TrainingDemo {

    private static final Logger log = LoggerFactory.getLogger(TrainingDemo.class);

    private final Courses courses;
    private final QuestionBanks banks;
    private final LearningPaths paths;

    TrainingDemo(Courses courses, QuestionBanks banks, LearningPaths paths) {
        this.courses = courses;
        this.banks = banks;
        this.paths = paths;
    }

    @Transactional
    public void seed(long providerId, Instant at) {
        for (DemoCourse course : DemoCourses.all()) {
            if (courses.exists(course.content().code())) {
                continue;
            }
            long version = courses.draft(providerId, 1, 0, course.content());
            banks.save(version, course.quiz());
            courses.publishDraft(version, at);
            log.info("Demo course \"{}\" published", course.content().title());
        }
        DemoCourses.paths().forEach(paths::save);
    }
}
