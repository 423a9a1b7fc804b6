package fr.guichetbio.portal.matchmaking.request;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such request for this person: unknown, or the person belongs to neither side — the same 404 in every case. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class RequestNotFound extends RuntimeException {

    public RequestNotFound() {
        super("No such request");
    }
}
