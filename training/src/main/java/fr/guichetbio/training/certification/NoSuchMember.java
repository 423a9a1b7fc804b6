package fr.guichetbio.training.certification;

/** The person named is not a member of the organisation (pages answer 404, as for an unknown object). */
public class NoSuchMember extends RuntimeException {

    NoSuchMember(long personId, long organisationId) {
        super("person " + personId + " is not a member of organisation " + organisationId);
    }
}
