package fr.guichetbio.training.learner;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Training's checks on the signed-in person, asked of the {@link Learners} port. Refusals are Spring Security's
 * {@link AccessDeniedException}, which the application turns into sign-in (anonymous) or 403 (signed in).
 */
@Service
public class LearnerAccess {

    private final Learners learners;

    LearnerAccess(Learners learners) {
        this.learners = learners;
    }

    /** The signed-in learner; refuses when nobody is signed in (lessons, quizzes and enrolments need an account). */
    public Learner requireLearner() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in to follow a course"));
    }

    /** Whether the signed-in person may author the courses of this training provider. */
    public boolean canAuthor(long providerId) {
        return learners.current()
                .filter(learner -> learner.instructs(providerId))
                .isPresent();
    }

    /** Refuses unless the signed-in person may author the courses of this training provider. */
    public Learner requireAuthor(long providerId) {
        Learner learner = requireLearner();
        if (!learner.instructs(providerId)) {
            throw new AccessDeniedException("Not an instructor of training provider " + providerId);
        }
        return learner;
    }
}
