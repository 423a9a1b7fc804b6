package fr.guichetbio.training.certification;

/** The certificate is not the learner's, or cannot be renewed now: the page answers 404. */
public class NoSuchRenewal extends RuntimeException {

    public NoSuchRenewal(String certificateId) {
        super("no renewal of certificate " + certificateId);
    }
}
