package fr.guichetbio.portal.audit;

/**
 * One change to record. {@code before} and {@code after} are any JSON-serialisable values (records, maps); keep
 * personal data out of them — refer to people by id, so that deleting an account pseudonymises its entries.
 *
 * @param actorPersonId the person who made the change, or {@code null} for an API client or the system
 * @param actorClientId the API client that made the change, or {@code null}
 * @param organisationId the organisation acted for or on, or {@code null}
 * @param action what happened, e.g. {@code organisation.created}, {@code role.granted}
 * @param targetType the kind of object changed, e.g. {@code organisation}, {@code person}
 * @param targetId the changed object's id
 */
public record AuditEvent(
        Long actorPersonId,
        String actorClientId,
        Long organisationId,
        String action,
        String targetType,
        String targetId,
        Object before,
        Object after) {

    /** A change made by a signed-in person. */
    public static AuditEvent byPerson(
            long personId,
            Long organisationId,
            String action,
            String targetType,
            Object targetId,
            Object before,
            Object after) {
        return new AuditEvent(
                personId, null, organisationId, action, targetType, String.valueOf(targetId), before, after);
    }

    /** A change made by an organisation's API client. */
    public static AuditEvent byClient(
            String clientId,
            long organisationId,
            String action,
            String targetType,
            Object targetId,
            Object before,
            Object after) {
        return new AuditEvent(
                null, clientId, organisationId, action, targetType, String.valueOf(targetId), before, after);
    }
}
