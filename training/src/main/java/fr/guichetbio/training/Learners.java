package fr.guichetbio.training;

import java.util.Optional;

/**
 * The port through which the application tells training who is signed in. The portal implements it (from its
 * signed-in user and the person's organisations); training only asks. One implementation per application.
 */
public interface Learners {

    /**
     * The person signed in for the current request, as they are now (name, roles and organisations read at this
     * request); empty when nobody is signed in.
     */
    Optional<Learner> current();

    /**
     * The name of this person as it is now, to print on a certificate issued to them outside any request (after their
     * course's completion commits); empty when the account is gone or has no name to show.
     */
    Optional<String> nameOf(long personId);

    /**
     * The INSEE region code (two digits) of where this person works as it is now, recorded on a certificate issued to
     * them (for the skills figures by region); empty when the application cannot tell, e.g. none of their
     * organisations has a site in France. Asked outside any request, like {@link #nameOf}.
     */
    Optional<String> workplaceRegionOf(long personId);
}
