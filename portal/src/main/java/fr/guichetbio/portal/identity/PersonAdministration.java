package fr.guichetbio.portal.identity;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Platform admins grant and revoke platform roles and suspend people. Every method checks that the actor is an admin
 * and may act on that person, then writes the change and its audit entry in one transaction.
 */
@Service
class PersonAdministration {

    static final String ROLE_GRANTED = "role.granted";
    static final String ROLE_REVOKED = "role.revoked";
    static final String SUSPENDED = "person.suspended";
    static final String UNSUSPENDED = "person.unsuspended";

    static final int REASON_MAX = 500;

    private final Persons persons;

    private final AuditTrail audit;

    private final ApplicationEventPublisher events;

    PersonAdministration(Persons persons, AuditTrail audit, ApplicationEventPublisher events) {
        this.persons = persons;
        this.audit = audit;
        this.events = events;
    }

    /** Grants the role; does nothing (and audits nothing) when the person already has it. */
    @Transactional
    public boolean grant(PortalUser actor, long personId, PlatformRole role) {
        target(actor, personId);
        boolean granted = persons.grant(personId, role, actor.personId());
        if (granted) {
            audit.record(AuditEvent.byPerson(
                    actor.personId(), null, ROLE_GRANTED, "person", personId, null, Map.of("role", role.name())));
        }
        return granted;
    }

    /** Revokes the role; an admin cannot revoke their own ADMIN role (nobody could give it back to them). */
    @Transactional
    public boolean revoke(PortalUser actor, long personId, PlatformRole role) {
        target(actor, personId);
        if (role == PlatformRole.ADMIN && personId == actor.personId()) {
            throw new AccountRefusedException("admin.users.error.selfRevokeAdmin");
        }
        boolean revoked = persons.revoke(personId, role);
        if (revoked) {
            audit.record(AuditEvent.byPerson(
                    actor.personId(), null, ROLE_REVOKED, "person", personId, Map.of("role", role.name()), null));
        }
        return revoked;
    }

    /** Suspends the person with a reason (1–500 characters); their session ends at their next request. */
    @Transactional
    public void suspend(PortalUser actor, long personId, String reason) {
        PersonSummary person = target(actor, personId);
        if (personId == actor.personId()) {
            throw new AccountRefusedException("admin.users.error.selfSuspend");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > REASON_MAX) {
            throw new AccountRefusedException("admin.users.error.reason");
        }
        if (person.suspended()) {
            throw new AccountRefusedException("admin.users.error.alreadySuspended");
        }
        persons.suspend(personId, why);
        audit.record(AuditEvent.byPerson(
                actor.personId(), null, SUSPENDED, "person", personId, null, Map.of("reason", why)));
        events.publishEvent(new PersonSuspended(personId, actor.personId()));
    }

    @Transactional
    public void unsuspend(PortalUser actor, long personId) {
        PersonSummary person = target(actor, personId);
        if (!person.suspended()) {
            throw new AccountRefusedException("admin.users.error.notSuspended");
        }
        persons.unsuspend(personId);
        audit.record(AuditEvent.byPerson(
                actor.personId(),
                null,
                UNSUSPENDED,
                "person",
                personId,
                java.util.Collections.singletonMap("reason", person.suspensionReason()),
                null));
    }

    /** The person acted on, after checking the actor is an admin and the person exists and is not deleted. */
    private PersonSummary target(PortalUser actor, long personId) {
        if (actor == null || !actor.hasRole(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("Platform admins only");
        }
        return persons.find(personId)
                .filter(person -> !person.deleted())
                .orElseThrow(() -> new AccountRefusedException("admin.users.error.notFound"));
    }
}
