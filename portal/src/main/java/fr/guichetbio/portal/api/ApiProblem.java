package fr.guichetbio.portal.api;

import java.io.Serial;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A refused API request, answered as {@code application/problem+json} by {@link ApiExceptionHandler}. */
class ApiProblem extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient List<FieldError> errors;

    ApiProblem(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    HttpStatus status() {
        return status;
    }

    List<FieldError> errors() {
        return errors;
    }

    /** One invalid field of the request body. */
    record FieldError(String field, String message) {}
}
