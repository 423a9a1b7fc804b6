package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.credential.OpenBadges;
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
class BadgesController {

    static final MediaType VC_JWT = MediaType.parseMediaType(OpenBadges.VC_JWT);
    static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final OpenBadges badges;

    BadgesController(OpenBadges badges) {
        this.badges = badges;
    }

    @GetMapping(OpenBadges.ISSUER_PATH)
    ResponseEntity<String> issuer() {
        return publicly(MediaType.APPLICATION_JSON).body(badges.issuerProfile());
    }

    @GetMapping(OpenBadges.KEYS_PATH)
    ResponseEntity<String> keys() {
        return publicly(JWK_SET).body(badges.publicKeys());
    }

    @GetMapping(OpenBadges.STATUS_LIST_PATH)
    ResponseEntity<String> statusList() {
        return publicly(VC_JWT).body(badges.statusList());
    }

    /** The credential as JSON: its VC-JWT ({@code jwt}) and, to read, the credential it signs. */
    @GetMapping(path = OpenBadges.CREDENTIAL_PATH + "{certificate}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> credential(@PathVariable("certificate") String id) {
        return badges.credentialDocument(id)
                .map(json -> publicly(MediaType.APPLICATION_JSON).body(json))
                .orElseGet(BadgesController::notFound);
    }

    /** The VC-JWT alone, for a verifier asking for {@code Accept: application/vc+jwt}. */
    @GetMapping(path = OpenBadges.CREDENTIAL_PATH + "{certificate}", produces = OpenBadges.VC_JWT)
    ResponseEntity<String> credentialJwt(@PathVariable("certificate") String id) {
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
