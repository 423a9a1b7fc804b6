package fr.guichetbio.portal.web;

import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/ping}: lets a machine client check its bearer token. */
@RestController
class PingApiController {

    @GetMapping("/api/ping")
    Map<String, String> ping(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("status", "ok", "subject", jwt.getSubject());
    }
}
