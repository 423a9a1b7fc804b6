package fr.guichetbio.portal.apiclient;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Registers and revokes an organisation's API clients. Every call checks that the person manages that organisation
 * (organisation admin or platform admin) and writes the audit in the same transaction, never the secret.
 */
@Service
class ApiClientRegistrations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClients clients;
    private final OrganisationAccess access;
    private final AuditTrail audit;
    private final ClientSecrets secrets;

    ApiClientRegistrations(ApiClients clients, OrganisationAccess access, AuditTrail audit, ClientSecrets secrets) {
        this.clients = clients;
        this.access = access;
        this.audit = audit;
        this.secrets = secrets;
    }

    /** A new client and its secret, to show once: only its hash is kept. */
    record Registered(ApiClient client, String secret) {}

    @Transactional(readOnly = true)
    List<ApiClient> list(PortalUser user, long organisationId) {
        access.requireManage(user, organisationId);
        return clients.ofOrganisation(organisationId);
    }

    @Transactional
    Registered register(PortalUser user, long organisationId, String name, List<ApiScope> scopes) {
        access.requireManage(user, organisationId);
        String clientId = "gb_" + HexFormat.of().formatHex(randomBytes(10));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        List<String> scopeValues = scopes.stream().map(ApiScope::value).toList();
        clients.insert(clientId, secrets.hash(secret), organisationId, name.strip(), scopeValues, user.personId());
        ApiClient client = clients.find(clientId).orElseThrow();
        audit.record(AuditEvent.byPerson(
                user.personId(), organisationId, "api_client.created", "api_client", clientId, null, state(client)));
        return new Registered(client, secret);
    }

    /** Revokes the organisation's client; 404 when it has no such active client (e.g. another organisation's). */
    @Transactional
    void revoke(PortalUser user, long organisationId, String clientId) {
        access.requireManage(user, organisationId);
        ApiClient before = clients.find(clientId)
                .filter(client -> client.organisationId() == organisationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!clients.revoke(clientId, organisationId, user.personId())) {
            return; // already revoked: nothing changes
        }
        ApiClient after = clients.find(clientId).orElseThrow();
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "api_client.revoked",
                "api_client",
                clientId,
                state(before),
                state(after)));
    }

    private static Map<String, Object> state(ApiClient client) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("clientId", client.clientId());
        state.put("name", client.name());
        state.put("scopes", client.scopes());
        state.put("revoked", client.revoked());
        return state;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
