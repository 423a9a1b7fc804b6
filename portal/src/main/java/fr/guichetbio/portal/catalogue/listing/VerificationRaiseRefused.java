package fr.guichetbio.portal.catalogue.listing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A member tried to set a verification level above self-declared: a 403, nothing changed. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public final class VerificationRaiseRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VerificationRaiseRefused() {
        super("Only moderators raise a verification level", null, false, false);
    }
}
