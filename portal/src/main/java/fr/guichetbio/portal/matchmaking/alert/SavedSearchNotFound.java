package fr.guichetbio.portal.matchmaking.alert;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such saved search for this person: unknown or another person's — the same 404, revealing nothing. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class SavedSearchNotFound extends RuntimeException {

    public SavedSearchNotFound() {
        super("No such saved search");
    }
}
