package fr.guichetbio.catalogue.index.search;

import java.io.Serial;

/** Elasticsearch could not answer (down, unreachable, index missing): search is temporarily unavailable. */
public class SearchUnavailableException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
