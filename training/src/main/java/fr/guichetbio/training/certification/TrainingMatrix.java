package fr.guichetbio.training.certification;

import fr.guichetbio.training.path.BioproductionRole;
import java.util.List;

/**
 * An organisation's training matrix: its members × the courses its roles require, each cell a {@link Cell}.
 *
 * @param courses the columns: every course some role of the organisation requires, by code
 * @param rows one per member, in the order the members were given
 */
public record TrainingMatrix(List<Course> courses, List<Row> rows) {

    public TrainingMatrix {
        courses = List.copyOf(courses);
        rows = List.copyOf(rows);
    }

    /** A required course: its code and the title and language of its latest published version. */
    public record Course(String code, String title, String language) {}

    /**
     * One member.
     *
     * @param role the member's bioproduction role in the organisation, or {@code null} when none is set
     * @param consented whether the member lets the organisation's administrators see their certifications; when not,
     *     every required cell is {@link Cell#HIDDEN}
     * @param cells one per course of the matrix, in the same order
     */
    public record Row(long personId, String name, BioproductionRole role, boolean consented, List<Cell> cells) {

        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** What the matrix says of one member and one course. */
    public enum Cell {
        /** A valid certificate, more than 90 days before its end. */
        VALID,
        /**
         * A certificate ending within 90 days, or awaiting renewal before a deadline set by a major version of the
         * course ({@link CertificateStatus#RENEWAL_REQUIRED}): either way the member must renew it soon.
         */
        EXPIRING,
        /** The member's current certificate of the course is past its validity or its renewal deadline. */
        EXPIRED,
        /** No certificate of the course, or only a revoked one. */
        MISSING,
        /** The course is not required for the member's role (or the member has no role). */
        NOT_REQUIRED,
        /** Required, but the member has not consented (or withdrew consent): nothing is shown. */
        HIDDEN;

        static Cell of(CertificateStatus status) {
            return switch (status) {
                case VALID -> VALID;
                case EXPIRING, RENEWAL_REQUIRED -> EXPIRING;
                case EXPIRED -> EXPIRED;
                case REVOKED, SUPERSEDED -> MISSING;
            };
        }
    }

    /** A member of the organisation as the portal knows them (training keeps no list of members). */
    public record Member(long personId, String name) {}
}
