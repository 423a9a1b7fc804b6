package fr.guichetbio.portal.organisation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations as catalogue imports create and update them. The import decides who may describe which organisation
 * (its owner checks and the identity review of {@link OrganisationService}); this module checks the fields, picks the
 * slug and writes the row, in the import's transaction, and publishes {@link OrganisationChanged} when the row changed.
 * The catalogue's own fields of the organisation are the catalogue's (its profile table), not written here.
 */
@Service
public class ImportedOrganisations {

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final ApplicationEventPublisher events;

    ImportedOrganisations(JdbcClient jdbc, Organisations organisations, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.events = events;
    }

    /**
     * A new active organisation described by a catalogue: its slug is {@code preferredSlug} (the catalogue key) or the
     * first free one after it. Returns its id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long create(String preferredSlug, String name, OrganisationKind kind, String website, String description) {
        OrganisationFields.check(name, website, description);
        long id = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, description, status)
                        values (:slug, :name, :kind, :website, :domain, :description, 'ACTIVE')
                        returning id
                        """)
                .param("slug", Slugs.free(Slugs.preferred(preferredSlug), organisations::slugTaken))
                .param("name", name)
                .param("kind", kind.name())
                .param("website", website)
                .param("domain", Websites.domainOf(website))
                .param("description", description)
                .query(Long.class)
                .single();
        events.publishEvent(new OrganisationChanged(id));
        return id;
    }

    /**
     * Replaces the organisation's name, website and description by the catalogue's; returns whether they differed
     * (the version is bumped and {@link OrganisationChanged} published only then).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean update(long organisationId, String name, String website, String description) {
        OrganisationFields.check(name, website, description);
        boolean changed = jdbc.sql("""
                                update organisation
                                   set name = :name, website = :website, website_domain = :domain,
                                       description = :description, version = version + 1
                                 where id = :id
                                   and (name, website, description) is distinct from
                                       (cast(:name as varchar), cast(:website as varchar), cast(:description as varchar))
                                """)
                        .param("name", name)
                        .param("website", website)
                        .param("domain", Websites.domainOf(website))
                        .param("description", description)
                        .param("id", organisationId)
                        .update()
                > 0;
        if (changed) {
            events.publishEvent(new OrganisationChanged(organisationId));
        }
        return changed;
    }
}
