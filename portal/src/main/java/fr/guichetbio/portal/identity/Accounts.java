package fr.guichetbio.portal.identity;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What a signed-in person does to their own account: edit their profile, export and delete their data. */
@Service
public class Accounts {

    static final String PROFILE_UPDATED = "person.profile_updated";

    static final String DELETED = "person.deleted";

    private final Persons persons;

    private final AuditTrail audit;

    private final ApplicationEventPublisher events;

    Accounts(Persons persons, AuditTrail audit, ApplicationEventPublisher events) {
        this.persons = persons;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Sets the person's own display name (trimmed, 1–120 characters) and language ({@code fr} or {@code en}); audited
     * with the values before and after.
     */
    @Transactional
    public void updateProfile(PortalUser user, String displayName, String language) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 120 || !("fr".equals(language) || "en".equals(language))) {
            throw new IllegalArgumentException("Invalid profile");
        }
        PersonSummary before = persons.find(user.personId())
                .filter(person -> !person.deleted())
                .orElseThrow(() -> new AccountRefusedException("account.error.gone"));
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("displayName", before.displayName());
        was.put("language", before.language());
        persons.updateProfile(user.personId(), name, language);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                null,
                PROFILE_UPDATED,
                "person",
                user.personId(),
                was,
                Map.of("displayName", name, "language", language)));
    }

    /**
     * Deletes the signed-in person's account, in the caller's transaction: {@link AccountDeleted} first, on which the
     * modules holding data on the person remove it while the row still has the address they match on; then roles
     * removed, the row pseudonymised (see {@link Persons#pseudonymise}), audited as {@code person.deleted}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(PortalUser user, Map<String, Object> details) {
        if (persons.find(user.personId()).filter(person -> !person.deleted()).isEmpty()) {
            throw new AccountRefusedException("account.error.gone");
        }
        events.publishEvent(new AccountDeleted(user.personId()));
        if (!persons.pseudonymise(user.personId())) {
            throw new AccountRefusedException("account.error.gone");
        }
        audit.record(AuditEvent.byPerson(user.personId(), null, DELETED, "person", user.personId(), null, details));
    }

    /** What identity holds on the person: their row as stored and their role grants. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(PortalUser user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("person", persons.row(user.personId()));
        List<Map<String, Object>> roles = persons.roleGrants(user.personId());
        data.put("roles", roles);
        return data;
    }
}
