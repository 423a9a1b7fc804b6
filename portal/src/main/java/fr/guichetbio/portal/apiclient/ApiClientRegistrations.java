package fr.guichetbio.portal.apiclient;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.MembershipRole;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.Organisations;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Registers and revokes an organisation's API clients. Every call checks that the person manages that organisation
 * (organisation admin or platform admin) and writes the audit in the same transaction, never the secret.
 *
 * <p>A client belongs to its organisation and is answered for by the organisation admin who registered it: only an
 * organisation admin registers one (a platform admin may list and revoke), and when that person stops being an admin
 * of the organisation (removed, demoted, left, suspended, account deleted) their clients are revoked in the same
 * transaction, the journal says why and the remaining admins are told.
 */
@Service
class ApiClientRegistrations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClients clients;
    private final OrganisationAccess access;
    private final Organisations organisations;
    private final People people;
    private final AuditTrail audit;
    private final ClientSecrets secrets;
    private final ApplicationEventPublisher events;

    ApiClientRegistrations(
            ApiClients clients,
            OrganisationAccess access,
            Organisations organisations,
            People people,
            AuditTrail audit,
            ClientSecrets secrets,
            ApplicationEventPublisher events) {
        this.clients = clients;
        this.access = access;
        this.organisations = organisations;
        this.people = people;
        this.audit = audit;
        this.secrets = secrets;
        this.events = events;
    }

    /** Why a creator's clients were revoked, as the journal says it. */
    enum RevocationReason {
        CREATOR_REMOVED,
        CREATOR_DEMOTED,
        CREATOR_LEFT,
        CREATOR_SUSPENDED,
        CREATOR_DELETED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Published when a creator's clients were revoked with their rights; handled after commit to tell the
     * organisation's remaining admins.
     */
    record RevokedWithCreator(long organisationId, long creatorId, RevocationReason reason, List<ApiClient> clients) {}

    /** A new client and its secret, to show once: only its hash is kept. */
    record Registered(ApiClient client, String secret) {}

    @Transactional(readOnly = true)
    List<ApiClient> list(PortalUser user, long organisationId) {
        access.requireManage(user, organisationId);
        return clients.ofOrganisation(organisationId);
    }

    /** The names of the people who registered these clients; absent for a deleted account. */
    @Transactional(readOnly = true)
    Map<Long, String> creatorNames(List<ApiClient> listed) {
        return new HashMap<>(people.displayNames(listed.stream()
                .map(ApiClient::createdBy)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList()));
    }

    /**
     * Whether the person may register a client for the organisation: its admins only, since a client lives as long as
     * its creator's admin rights (a platform admin who is not one would register a client nobody answers for).
     */
    @Transactional(readOnly = true)
    boolean mayRegister(PortalUser user, long organisationId) {
        return user != null
                && organisations
                        .roleOf(user.personId(), organisationId)
                        .filter(role -> role == MembershipRole.ADMIN)
                        .isPresent();
    }

    void requireRegister(PortalUser user, long organisationId) {
        if (!mayRegister(user, organisationId)) {
            throw new AccessDeniedException(
                    "Only an administrator of organisation " + organisationId + " registers its API clients");
        }
    }

    @Transactional
    Registered register(PortalUser user, long organisationId, String name, List<ApiScope> scopes) {
        requireRegister(user, organisationId);
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

    /**
     * Revokes the active clients the person registered, for that organisation or (null) all of them, because the person
     * lost their admin rights there; in the caller's transaction, the cause's. Audits each on its organisation's journal
     * with the reason and tells each organisation's remaining admins after commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void revokeCreatedBy(long creatorId, Long organisationId, long actorPersonId, RevocationReason reason) {
        List<ApiClient> revoked = clients.revokeCreatedBy(creatorId, organisationId, actorPersonId);
        Map<Long, List<ApiClient>> byOrganisation = new LinkedHashMap<>();
        for (ApiClient client : revoked) {
            Map<String, Object> before = state(client);
            before.put("revoked", false);
            Map<String, Object> after = state(client);
            after.put("reason", reason.code());
            audit.record(AuditEvent.byPerson(
                    actorPersonId,
                    client.organisationId(),
                    "api_client.revoked",
                    "api_client",
                    client.clientId(),
                    before,
                    after));
            byOrganisation
                    .computeIfAbsent(client.organisationId(), id -> new ArrayList<>())
                    .add(client);
        }
        byOrganisation.forEach((organisation, ofOrganisation) ->
                events.publishEvent(new RevokedWithCreator(organisation, creatorId, reason, ofOrganisation)));
    }

    private static Map<String, Object> state(ApiClient client) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("clientId", client.clientId());
        state.put("name", client.name());
        state.put("scopes", client.scopes());
        state.put("createdBy", client.createdBy());
        state.put("revoked", client.revoked());
        return state;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
