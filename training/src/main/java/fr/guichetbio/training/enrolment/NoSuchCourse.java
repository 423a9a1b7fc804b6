package fr.guichetbio.training.enrolment;

/** No published version of the course exists (never published, or unpublished): the page answers 404. */
public class NoSuchCourse extends RuntimeException {

    public NoSuchCourse(String courseCode) {
        super("no published course " + courseCode);
    }
}
