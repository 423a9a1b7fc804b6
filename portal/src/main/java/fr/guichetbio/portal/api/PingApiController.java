package fr.guichetbio.portal.api;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/ping}: lets a machine client check its bearer token. */
@RestController
class PingApiController {

    @GetMapping("/api/ping")
    Map<String, String> ping(Authentication authentication) {
        return Map.of("status", "ok", "subject", authentication.getName());
    }
}
