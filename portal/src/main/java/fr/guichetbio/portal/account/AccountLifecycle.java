package fr.guichetbio.portal.account;

import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.audit.AuditTrail.AuditEntry;
import fr.guichetbio.portal.audit.AuditTrail.AuditQuery;
import fr.guichetbio.portal.identity.AccountRefusedException;
import fr.guichetbio.portal.identity.Accounts;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Memberships;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Exports and deletes the signed-in person's own data, across identity, organisations and the audit trail. */
@Service
class AccountLifecycle {

    private static final int EXPORT_PAGE = 200;

    private final Accounts accounts;
    private final Memberships memberships;
    private final AuditTrail audit;
    private final JsonMapper json;

    AccountLifecycle(Accounts accounts, Memberships memberships, AuditTrail audit, JsonMapper json) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.audit = audit;
        this.json = json;
    }

    /** Everything the portal holds on the person: their row, roles, memberships and the changes they made. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(PortalUser user) {
        Map<String, Object> data = new LinkedHashMap<>(accounts.export(user));
        data.put("memberships", memberships.export(user.personId()));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<AuditEntry> found =
                    audit.find(new AuditQuery(null, user.personId(), null, null, null, null, page, EXPORT_PAGE));
            found.forEach(entry -> entries.add(exported(entry)));
            if (found.size() < EXPORT_PAGE) {
                break;
            }
        }
        data.put("auditEntriesAsActor", entries);
        return data;
    }

    /**
     * Deletes the account: refused while the person is the only admin of an organisation that has other members;
     * otherwise leaves every organisation, removes roles and pseudonymises the person, in one transaction.
     */
    @Transactional
    public void delete(PortalUser user) {
        List<String> blocking = memberships.blockingOrganisations(user.personId());
        if (!blocking.isEmpty()) {
            throw new AccountRefusedException("account.delete.error.lastAdmin", String.join(", ", blocking));
        }
        List<Long> left = memberships.leaveAll(user.personId());
        accounts.delete(user, Map.of("organisationsLeft", left));
    }

    private Map<String, Object> exported(AuditEntry entry) {
        Map<String, Object> exported = new LinkedHashMap<>();
        exported.put("id", entry.id());
        exported.put("occurredAt", entry.occurredAt().toString());
        exported.put("organisationId", entry.organisationId());
        exported.put("action", entry.action());
        exported.put("targetType", entry.targetType());
        exported.put("targetId", entry.targetId());
        exported.put("before", entry.before() == null ? null : json.readTree(entry.before()));
        exported.put("after", entry.after() == null ? null : json.readTree(entry.after()));
        exported.put("ip", entry.ip());
        return exported;
    }
}
