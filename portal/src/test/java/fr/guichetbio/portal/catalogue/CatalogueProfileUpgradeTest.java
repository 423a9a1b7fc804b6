package fr.guichetbio.portal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.exchange.DemoCatalogue;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.support.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database at the schema before the catalogue profile (the catalogue's fields in the organisation table), holding
 * the demo catalogue and organisations with some or none of those fields, migrates to the catalogue profile without
 * losing a value: every organisation's catalogue fields read the same before and after, its own fields are untouched,
 * organisations without catalogue fields get no profile, and the old columns are gone.
 */
class CatalogueProfileUpgradeTest {

    private static final String BEFORE = """
            select id, slug, name, kind, website, description, status, version,
                   catalogue_key, siren, catalogue_kind, description_en, contact_email
              from organisation order by id
            """;

    private static final String AFTER = """
            select o.id, o.slug, o.name, o.kind, o.website, o.description, o.status, o.version,
                   p.catalogue_key, p.siren, p.catalogue_kind, p.description_en, p.contact_email
              from organisation o left join catalogue_profile p on p.organisation_id = o.id order by o.id
            """;

    @Test
    void everyOrganisationKeepsItsCatalogueFields() throws Exception {
        DataSource dataSource = TestDatabase.dataSource(TestDatabase.create());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        migrate(dataSource, "classpath:db/changelog/master-before-catalogue-profile.yaml");
        List<Org> demo = DemoCatalogue.demo(LocalDate.of(2026, 12, 5)).organisations();
        demo.forEach(org -> insertAtOldSchema(jdbc, org));
        // As the portal left them: a listed organisation whose slug was taken as key, one with a catalogue kind
        // only (its key taken by another), one with no catalogue field, a pending one with everything.
        jdbc.sql("""
                        insert into organisation (slug, name, kind, status, version, catalogue_key, catalogue_kind)
                        values ('cdmo-maison', 'CDMO maison', 'MANUFACTURER', 'ACTIVE', 3, 'cdmo-maison', 'CDMO'),
                               ('sans-cle', 'Sans clé', 'SPONSOR', 'ACTIVE', 1, null, 'BIOTECH'),
                               ('formation', 'Formation', 'TRAINING_PROVIDER', 'ACTIVE', 0, null, null),
                               ('en-attente', 'En attente', 'MANUFACTURER', 'PENDING', 2, 'en-attente', 'CRO')
                        """).update();
        jdbc.sql("""
                        update organisation set siren = '732829320', description_en = 'Pending.',
                               contact_email = 'contact@en-attente.example' where slug = 'en-attente'
                        """).update();
        List<Map<String, Object>> before = jdbc.sql(BEFORE).query().listOfRows();
        assertThat(before).hasSize(demo.size() + 4);
        assertThat(before).filteredOn(row -> row.get("siren") != null).isNotEmpty();
        assertThat(before).filteredOn(row -> row.get("contact_email") != null).isNotEmpty();
        assertThat(before).filteredOn(row -> row.get("description_en") != null).isNotEmpty();

        migrate(dataSource, "classpath:db/changelog/db.changelog-master.yaml");

        assertThat(jdbc.sql(AFTER).query().listOfRows()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from catalogue_profile")
                        .query(Long.class)
                        .single())
                .isEqualTo(demo.size() + 3L);
        assertThat(jdbc.sql("select p.version from catalogue_profile p join organisation o on o.id = p.organisation_id"
                                + " where o.slug = 'cdmo-maison'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql("""
                                select count(*) from information_schema.columns
                                 where table_name = 'organisation' and column_name in
                                       ('catalogue_key', 'siren', 'catalogue_kind', 'description_en', 'contact_email')
                                """).query(Long.class).single()).isZero();
    }

    /** The organisation as the import wrote it before the profile existed. */
    private static void insertAtOldSchema(JdbcClient jdbc, Org org) {
        jdbc.sql("""
                        insert into organisation (slug, name, kind, website, description, description_en, status,
                                                  catalogue_key, siren, catalogue_kind, contact_email)
                        values (:key, :name, :kind, :website, :fr, :en, 'ACTIVE', :key, :siren, :catalogueKind,
                                :email)
                        """)
                .param("key", org.key())
                .param("name", org.name())
                .param(
                        "kind",
                        Vocabulary.CatalogueKind.valueOf(org.kind())
                                .organisationKind()
                                .name())
                .param("website", org.website())
                .param(
                        "fr",
                        org.description() == null ? null : org.description().fr())
                .param(
                        "en",
                        org.description() == null ? null : org.description().en())
                .param("siren", org.siren())
                .param("catalogueKind", org.kind())
                .param("email", org.contactEmail())
                .update();
    }

    private static void migrate(DataSource dataSource, String changelog) throws Exception {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(changelog);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }
}
