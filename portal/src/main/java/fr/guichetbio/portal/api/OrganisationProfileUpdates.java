package fr.guichetbio.portal.api;

import fr.guichetbio.portal.apiclient.ApiClientPrincipal;
import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.organisation.Websites;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An API client's change of its own organisation's profile (name, website, description), guarded by the version the
 * client last read, and audited as done by the client.
 *
 * <p>Mirrors {@code OrganisationService.update}, which takes a signed-in person: one shared "profile change by an
 * actor" method in the organisation module would remove the duplicate SQL.
 */
@Service
class OrganisationProfileUpdates {

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final AuditTrail audit;

    OrganisationProfileUpdates(JdbcClient jdbc, Organisations organisations, AuditTrail audit) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.audit = audit;
    }

    record Profile(String name, String website, String description) {}

    /** The audited state: profile fields and version. */
    record ProfileState(String name, String website, String description, int version) {
        static ProfileState of(Organisation organisation) {
            return new ProfileState(
                    organisation.name(), organisation.website(), organisation.description(), organisation.version());
        }
    }

    @Transactional
    Organisation update(ApiClientPrincipal client, long organisationId, Profile profile, int expectedVersion) {
        if (!client.actsFor(organisationId)) {
            throw new AccessDeniedException("Client " + client.clientId() + " does not act for " + organisationId);
        }
        Organisation before = organisations
                .find(organisationId)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such organisation"));
        int updated = jdbc.sql("""
                        update organisation
                           set name = :name, website = :website, website_domain = :domain,
                               description = :description, version = version + 1
                         where id = :id and version = :version
                        """)
                .param("name", profile.name())
                .param("website", profile.website())
                .param("domain", Websites.domainOf(profile.website()))
                .param("description", profile.description())
                .param("id", organisationId)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "The organisation was changed since version " + expectedVersion + ": current version is "
                            + before.version() + "; read it again and reapply the change");
        }
        Organisation after = organisations.find(organisationId).orElseThrow();
        audit.record(AuditEvent.byClient(
                client.clientId(),
                organisationId,
                "organisation.updated",
                "organisation",
                organisationId,
                ProfileState.of(before),
                ProfileState.of(after)));
        return after;
    }
}
