package fr.guichetbio.portal.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error answer of a JSON endpoint as its OpenAPI description shows it: RFC 9457 problem details
 * ({@code application/problem+json}, the API's problem schema) and what the status means for this operation. One per
 * status, repeatable; the API documentation turns them into responses, so that the media type and schema of an error
 * are written once, not on every operation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponses.class)
public @interface ProblemResponse {

    /** The HTTP status. */
    int value();

    /**
     * What the status means here; empty for the statuses that mean the same on every operation (401: no valid bearer
     * token; 429: the rate limit), which the API documentation then describes once.
     */
    String description() default "";

    /** An example of the problem, as JSON; none when empty. */
    String example() default "";
}
