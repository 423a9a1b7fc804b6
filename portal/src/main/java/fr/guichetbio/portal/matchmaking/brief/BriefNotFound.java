package fr.guichetbio.portal.matchmaking.brief;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No such brief for this person: unknown, of another organisation, or of one the person is not a member of — the
 * same 404 in every case, so that a brief's existence is never revealed.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class BriefNotFound extends RuntimeException {

    public BriefNotFound() {
        super("No such brief");
    }
}
