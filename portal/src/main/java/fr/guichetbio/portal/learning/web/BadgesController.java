package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.credential.OpenBadges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Badges 3.0 side of certificates, public and without an account (the verification page shows the same
 * facts): the issuer's profile, its public keys, the revocation status list and each certificate's credential. Any
 * site may read them from a browser (CORS {@code *}): they hold nothing that is not public.
 */
@RestController
@Tag(name = "Open Badges", description = "Certificates as Open Badges 3.0 verifiable credentials, public (CORS *)")
class BadgesController {

    static final MediaType VC_JWT = MediaType.parseMediaType(OpenBadges.VC_JWT);
    static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final OpenBadges badges;

    BadgesController(OpenBadges badges) {
        this.badges = badges;
    }

    @Operation(summary = "The issuer's profile (Open Badges 3.0)")
    @ApiResponse(
            responseCode = "200",
            description = "The profile (JSON-LD)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "string")))
    @GetMapping(OpenBadges.ISSUER_PATH)
    ResponseEntity<String> issuer() {
        return publicly(MediaType.APPLICATION_JSON).body(badges.issuerProfile());
    }

    @Operation(summary = "The issuer's public keys")
    @ApiResponse(
            responseCode = "200",
            description = "The JWK set",
            content = @Content(mediaType = "application/jwk-set+json", schema = @Schema(type = "string")))
    @GetMapping(OpenBadges.KEYS_PATH)
    ResponseEntity<String> keys() {
        return publicly(JWK_SET).body(badges.publicKeys());
    }

    @Operation(summary = "The revocation status list (Bitstring Status List)")
    @ApiResponse(
            responseCode = "200",
            description = "The status list credential, signed",
            content = @Content(mediaType = "application/vc+jwt", schema = @Schema(type = "string")))
    @GetMapping(OpenBadges.STATUS_LIST_PATH)
    ResponseEntity<String> statusList() {
        return publicly(VC_JWT).body(badges.statusList());
    }

    /** The credential as JSON: its VC-JWT ({@code jwt}) and, to read, the credential it signs. */
    @Operation(
            summary = "A certificate's credential",
            description = "Accept: application/json gives the VC-JWT ('jwt') with the credential it signs, to read;"
                    + " Accept: application/vc+jwt the VC-JWT alone.")
    @ApiResponse(
            responseCode = "200",
            description = "The credential",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                @Content(mediaType = OpenBadges.VC_JWT, schema = @Schema(type = "string"))
            })
    @ApiResponse(responseCode = "404", description = "No such certificate")
    @GetMapping(path = OpenBadges.CREDENTIAL_PATH + "{certificate}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> credential(
            @Parameter(description = "The certificate's id") @PathVariable("certificate") String id) {
        return badges.credentialDocument(id)
                .map(json -> publicly(MediaType.APPLICATION_JSON).body(json))
                .orElseGet(BadgesController::notFound);
    }

    /** The VC-JWT alone, for a verifier asking for {@code Accept: application/vc+jwt}. */
    @GetMapping(path = OpenBadges.CREDENTIAL_PATH + "{certificate}", produces = OpenBadges.VC_JWT)
    ResponseEntity<String> credentialJwt(
            @Parameter(description = "The certificate's id") @PathVariable("certificate") String id) {
        return badges.credential(id).map(jwt -> publicly(VC_JWT).body(jwt)).orElseGet(BadgesController::notFound);
    }

    private static ResponseEntity.BodyBuilder publicly(MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header("X-Robots-Tag", "noindex, nofollow");
    }

    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> notFound() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No certificate has this identifier");
        problem.setTitle("Unknown certificate");
        return (ResponseEntity<T>) ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
