package fr.guichetbio.portal.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/ping}: lets a machine client check its bearer token. */
@RestController
@Tag(name = "OAuth2", description = "Tokens for machine clients")
class PingApiController {

    @Operation(
            summary = "Check a bearer token",
            description = "Answers {\"status\":\"ok\",\"subject\":<client id>} for any valid token.",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT))
    @ApiResponse(responseCode = "200", description = "The token is valid")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @GetMapping("/api/ping")
    Map<String, String> ping(Authentication authentication) {
        return Map.of("status", "ok", "subject", authentication.getName());
    }
}
