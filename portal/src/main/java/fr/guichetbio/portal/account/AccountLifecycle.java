package fr.guichetbio.portal.account;

import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.audit.AuditTrail.AuditEntry;
import fr.guichetbio.portal.audit.AuditTrail.AuditQuery;
import fr.guichetbio.portal.catalogue.SiteRevisionsOfPerson;
import fr.guichetbio.portal.identity.AccountRefusedException;
import fr.guichetbio.portal.identity.Accounts;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.learning.LearningData;
import fr.guichetbio.portal.matchmaking.alert.SavedSearchService;
import fr.guichetbio.portal.notification.Notifications;
import fr.guichetbio.portal.organisation.Claims;
import fr.guichetbio.portal.organisation.InvitationsOfPerson;
import fr.guichetbio.portal.organisation.Memberships;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
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
    private final InvitationsOfPerson invitations;
    private final Organisations organisations;
    private final Claims claims;
    private final AuditTrail audit;
    private final SiteRevisionsOfPerson siteRevisions;
    private final Notifications notifications;
    private final SavedSearchService savedSearches;
    private final LearningData learning;
    private final JsonMapper json;

    AccountLifecycle(
            Accounts accounts,
            Memberships memberships,
            InvitationsOfPerson invitations,
            Organisations organisations,
            Claims claims,
            AuditTrail audit,
            SiteRevisionsOfPerson siteRevisions,
            Notifications notifications,
            SavedSearchService savedSearches,
            LearningData learning,
            JsonMapper json) {
        this.learning = learning;
        this.accounts = accounts;
        this.memberships = memberships;
        this.invitations = invitations;
        this.organisations = organisations;
        this.claims = claims;
        this.audit = audit;
        this.siteRevisions = siteRevisions;
        this.notifications = notifications;
        this.savedSearches = savedSearches;
        this.json = json;
    }

    /**
     * Everything the portal holds on the person: their row, roles, memberships, claims, invitations addressed to them,
     * the changes they made, the audit entries about them, the site versions they wrote, their notifications, saved searches and digests, their training. Each
     * module exports its own data.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> export(PortalUser user) {
        Map<String, Object> data = new LinkedHashMap<>(accounts.export(user));
        data.put("memberships", memberships.export(user.personId()));
        data.put("claims", claims.export(user.personId()));
        data.put("invitations", invitations.export(user.personId()));
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
        List<Map<String, Object>> about = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<AuditEntry> found = audit.aboutPerson(user.personId(), page, EXPORT_PAGE);
            found.forEach(entry -> about.add(exported(entry)));
            if (found.size() < EXPORT_PAGE) {
                break;
            }
        }
        data.put("auditEntriesAboutPerson", about);
        data.put("siteRevisions", siteRevisions.export(user.personId()));
        data.put("notifications", notifications.export(user.personId()));
        data.put("alerts", savedSearches.export(user.personId()));
        data.put("training", learning.export(user.personId()));
        data.put("certificates", learning.certificates(user.personId()));
        data.put("learningRecords", learning.statements(user.personId()));
        return data;
    }

    /**
     * Deletes the account: refused while the person is the only admin of an organisation that has other members;
     * otherwise identity deletes it ({@link Accounts#delete}) and the modules holding the person's data react to its
     * {@code AccountDeleted} in the same transaction (the organisation module: memberships, invitation addresses,
     * claim justifications).
     */
    @Transactional
    public void delete(PortalUser user) {
        List<String> blocking = memberships.blockingOrganisations(user.personId());
        if (!blocking.isEmpty()) {
            throw new AccountRefusedException("account.delete.error.lastAdmin", String.join(", ", blocking));
        }
        List<Long> left = organisations.ofPerson(user.personId()).stream()
                .map(Organisation::id)
                .toList();
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
