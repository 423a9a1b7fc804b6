/**
 * Per-IP and per-client request limits (token buckets in PostgreSQL, table {@code rate_limit_bucket}, shared by every
 * replica) for the login, the API, the search page and the public downloads, answering 429 with {@code Retry-After}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Rate limits",
        allowedDependencies = {})
package fr.guichetbio.portal.ratelimit;
