package fr.guichetbio.portal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.guichetbio.portal.apiclient.ApiClientPrincipal;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationFields;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.OrganisationNotFound;
import fr.guichetbio.portal.organisation.OrganisationRefusal;
import fr.guichetbio.portal.organisation.OrganisationService;
import fr.guichetbio.portal.organisation.OrganisationService.IdentityChange;
import fr.guichetbio.portal.organisation.OrganisationService.ProfileSaved;
import fr.guichetbio.portal.organisation.OrganisationStatus;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.organisation.Websites;
import fr.guichetbio.portal.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/organisations/{id}}: read an organisation (scope {@code catalogue:read}: the client's own organisation,
 * or any active one — public data) and change the client's own organisation's profile (scope {@code catalogue:write};
 * JSON merge patch of {@code name}, {@code website}, {@code description}, with the version read in {@code If-Match}
 * or in the body's {@code version}). A new name or website of an active (public) organisation is not applied at once:
 * it waits for a platform admin, the answer is 202 and {@code identityInReview} says what waits.
 */
@RestController
@Tag(name = "Organisations", description = "An organisation's public profile, changed by its own API clients")
class OrganisationApiController {

    private static final Set<String> FIELDS = Set.of("name", "website", "description", "version");

    private final Organisations organisations;
    private final OrganisationService service;

    OrganisationApiController(Organisations organisations, OrganisationService service) {
        this.organisations = organisations;
        this.service = service;
    }

    static final String IN_REVIEW = "The name and website of an approved organisation change only once a platform"
            + " administrator approves them; until then the current values stay public.";

    /**
     * An organisation as the API shows it; {@code version} goes back in {@code If-Match} to change it. {@code
     * identityInReview} (own organisation only, absent when none) is the name and website waiting for approval.
     */
    record OrganisationView(
            long id,
            String slug,
            String name,
            OrganisationKind kind,
            String website,
            String description,
            OrganisationStatus status,
            int version,
            @JsonInclude(JsonInclude.Include.NON_NULL) IdentityInReview identityInReview) {

        static OrganisationView of(Organisation organisation, IdentityChange inReview) {
            return new OrganisationView(
                    organisation.id(),
                    organisation.slug(),
                    organisation.name(),
                    organisation.kind(),
                    organisation.website(),
                    organisation.description(),
                    organisation.status(),
                    organisation.version(),
                    inReview == null
                            ? null
                            : new IdentityInReview(
                                    inReview.name(), inReview.website(), inReview.proposedAt(), IN_REVIEW));
        }
    }

    record IdentityInReview(String name, String website, Instant proposedAt, String detail) {}

    /** The body of a change, for the documentation (the handler reads it as a JSON merge patch). */
    @Schema(
            description = "A JSON merge patch (RFC 7396): absent fields are kept, null clears website or description",
            example = "{\"description\": \"Lignes 2 000 L disponibles au T3\"}")
    record ProfilePatch(
            @Schema(description = "2 to 200 characters; reviewed before it is public (active organisations)")
            String name,

            @Schema(
                    description = "An absolute http(s) URL; reviewed before it is public (active organisations)",
                    nullable = true)
            String website,

            @Schema(nullable = true) String description,

            @Schema(description = "The version read, when not sent in If-Match")
            Integer version) {}

    @Operation(
            summary = "Read an organisation",
            description = "The client's own organisation, or any active one (public data). The ETag is its version.",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "catalogue:read"))
    @ApiResponse(
            responseCode = "200",
            description = "The organisation",
            headers = @Header(name = "ETag", description = "The version, quoted: send it back in If-Match"),
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @ProblemResponse(401)
    @ProblemResponse(value = 403, description = "The token lacks the scope catalogue:read")
    @ProblemResponse(value = 404, description = "No such organisation, or one not public")
    @GetMapping("/api/organisations/{id}")
    ResponseEntity<OrganisationView> get(
            @Parameter(description = "The organisation's id", example = "42") @PathVariable long id,
            @AuthenticationPrincipal ApiClientPrincipal client) {
        Organisation organisation = organisations
                .find(id)
                .filter(found -> client.actsFor(found.id()) || found.status() == OrganisationStatus.ACTIVE)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such organisation"));
        IdentityChange inReview = client.actsFor(organisation.id())
                ? service.pendingIdentityChange(organisation.id()).orElse(null)
                : null;
        return answer(HttpStatus.OK, organisation, inReview);
    }

    @Operation(
            summary = "Change the client's own organisation's profile",
            description = """
                    A JSON merge patch of name, website and description, with the version read in If-Match (or in \
                    the body's version). A new name or website of an active (public) organisation is not applied at \
                    once: it waits for a platform administrator, the answer is 202 and identityInReview says what \
                    waits.""",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "catalogue:write"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = ProfilePatch.class)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = ProfilePatch.class))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "Changed",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Saved; the new name or website waits for review (identityInReview)",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @ProblemResponse(
            value = 400,
            description =
                    "Invalid fields, each in 'errors' (field, message); or If-Match and the body's version differ")
    @ProblemResponse(401)
    @ProblemResponse(value = 403, description = "Another organisation (nothing changes), or no scope catalogue:write")
    @ProblemResponse(value = 404, description = "No such organisation")
    @ProblemResponse(value = 409, description = "Changed since the version sent: read it again and reapply the change")
    @ProblemResponse(value = 428, description = "No version sent (If-Match or version)")
    @PatchMapping(
            path = "/api/organisations/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    ResponseEntity<OrganisationView> patch(
            @PathVariable long id,
            @Parameter(description = "The version read, quoted as in the ETag: \"3\"")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Parameter(hidden = true) @RequestBody JsonNode body,
            @AuthenticationPrincipal ApiClientPrincipal client) {
        if (!client.actsFor(id)) {
            // Whether the organisation exists or not: this client may change only its own.
            throw new AccessDeniedException("Not this client's organisation");
        }
        if (body == null || !body.isObject()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
        }
        Organisation current =
                organisations.find(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such organisation"));
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(new ApiProblem.FieldError(field, "unknown field"));
            }
        }
        String name = text(body, "name", current.name(), OrganisationFields.NAME_MAX, false, errors);
        if (name != null && name.length() < OrganisationFields.NAME_MIN_API) {
            errors.add(new ApiProblem.FieldError(
                    "name", "must have at least " + OrganisationFields.NAME_MIN_API + " characters"));
        }
        String website = text(body, "website", current.website(), OrganisationFields.WEBSITE_MAX, true, errors);
        if (website != null && !Websites.isValid(website)) {
            errors.add(new ApiProblem.FieldError("website", "must be an absolute http(s) URL"));
        }
        String description =
                text(body, "description", current.description(), OrganisationFields.DESCRIPTION_MAX, true, errors);
        Integer bodyVersion = version(body, errors);
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid fields", errors);
        }
        Integer headerVersion = ifMatch == null ? null : parseETag(ifMatch);
        if (headerVersion == null && bodyVersion == null) {
            throw new ApiProblem(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "Send the version you read: If-Match: \"<version>\" or a \"version\" field");
        }
        if (headerVersion != null && bodyVersion != null && !headerVersion.equals(bodyVersion)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "If-Match and the body's version differ");
        }
        int expected = headerVersion != null ? headerVersion : bodyVersion;
        try {
            ProfileSaved saved = service.updateByClient(
                    client.clientId(),
                    client.organisationId(),
                    id,
                    new OrganisationService.ProfileChange(name, website, description),
                    expected);
            if (saved.inReview() != null) {
                return answer(HttpStatus.ACCEPTED, saved.organisation(), saved.inReview());
            }
            return answer(
                    HttpStatus.OK,
                    saved.organisation(),
                    service.pendingIdentityChange(id).orElse(null));
        } catch (OrganisationRefusal stale) {
            if ("organisation.error.invalid".equals(stale.messageKey())) {
                // The service's own check of the limits above: not reached while both read OrganisationFields.
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid fields");
            }
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "The organisation was changed since version " + expected
                            + ": read it again and reapply the change");
        } catch (OrganisationNotFound gone) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No such organisation");
        }
    }

    private static ResponseEntity<OrganisationView> answer(
            HttpStatus status, Organisation organisation, IdentityChange inReview) {
        return ResponseEntity.status(status)
                .eTag("\"" + organisation.version() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(OrganisationView.of(organisation, inReview));
    }

    /** The field's new value (stripped; blank or null clears it when allowed), or the current value when absent. */
    private static String text(
            JsonNode body,
            String field,
            String current,
            int max,
            boolean nullable,
            List<ApiProblem.FieldError> errors) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull() || (value.isString() && value.stringValue().isBlank())) {
            if (!nullable) {
                errors.add(new ApiProblem.FieldError(field, "must not be blank"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new ApiProblem.FieldError(field, "must be a string"));
            return current;
        }
        String text = value.stringValue().strip();
        if (text.length() > max) {
            errors.add(new ApiProblem.FieldError(field, "must have at most " + max + " characters"));
        }
        return text;
    }

    private static Integer version(JsonNode body, List<ApiProblem.FieldError> errors) {
        if (!body.has("version") || body.get("version").isNull()) {
            return null;
        }
        JsonNode value = body.get("version");
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(new ApiProblem.FieldError("version", "must be an integer"));
            return null;
        }
        return value.intValue();
    }

    /** {@code "3"}, {@code W/"3"} or {@code 3}; anything else is a 400. */
    private static Integer parseETag(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "If-Match must be the ETag of the organisation, e.g. \"3\"");
        }
    }
}
