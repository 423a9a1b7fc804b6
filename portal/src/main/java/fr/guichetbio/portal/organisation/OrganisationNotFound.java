package fr.guichetbio.portal.organisation;

import java.io.Serial;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The organisation (or claim, invitation, member) does not exist, or the person may not know it does: a 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class OrganisationNotFound extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public OrganisationNotFound() {
        super("Not found");
    }
}
