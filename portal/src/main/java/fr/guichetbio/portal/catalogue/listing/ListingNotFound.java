package fr.guichetbio.portal.catalogue.listing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such site, capability, slot or evidence in this organisation: a 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public final class ListingNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListingNotFound() {
        super("No such listing item", null, false, false);
    }
}
