package fr.guichetbio.infra.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manifests of infra/kubernetes pass every check of {@link ManifestChecks}. */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("guichet.kubernetes.dir", "."))
            .toAbsolutePath()
            .normalize();

    private Manifests manifests;
    private ManifestChecks checks;

    @BeforeEach
    void load() {
        manifests = Manifests.load(ROOT);
        checks = new ManifestChecks(manifests);
    }

    @Test
    void everyManifestIsReadIntoTheModelOfItsKind() {
        assertThat(checks.layout()).isEmpty();
        assertThat(manifests.kustomizations).hasSize(4);
        // The overlay never applies the Secret templates: it would overwrite the real Secrets with placeholders.
        assertThat(manifests.kustomization("overlays/example").entries("resources"))
                .doesNotContain("../../secrets");
        assertThat(manifests.kustomization("base").entries("resources")).noneMatch(r -> r.contains("secret"));
        assertThat(manifests.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(ManifestChecks.PORTAL, ManifestChecks.INDEXER);
        assertThat(manifests.all(Service.class)).hasSize(1);
        assertThat(manifests.all(PodDisruptionBudget.class)).hasSize(1);
        assertThat(manifests.all(Ingress.class)).hasSize(1);
        assertThat(manifests.all(Namespace.class)).hasSize(1);
        assertThat(manifests.all(ConfigMap.class)).hasSize(1);
        assertThat(manifests.all(Secret.class))
                .extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "guichet-portal", "guichet-database", "guichet-elasticsearch", "guichet-elasticsearch-roles");
        // Only the operators' resources are unknown to the fabric8 model: a typo in a core kind would land here too.
        assertThat(manifests.all(GenericKubernetesResource.class))
                .extracting(r -> r.getApiVersion() + " " + r.getKind())
                .containsExactlyInAnyOrder(
                        "elasticsearch.k8s.elastic.co/v1 Elasticsearch", "postgresql.cnpg.io/v1 Cluster");
        assertThat(manifests.patches(ConfigMap.class)).hasSize(1);
    }

    @Test
    void containersRunLockedDownWithinTheirResources() {
        assertThat(checks.containers()).isEmpty();
    }

    @Test
    void thePortalIsProbedOnTheActuatorHealthGroupsTheIndexerNot() {
        assertThat(checks.probes()).isEmpty();
        // The groups the probes call exist: the portal enables them (not only where Boot detects Kubernetes).
        Map<String, Object> application = Manifests.yaml(
                ROOT.resolve("../../portal/src/main/resources/application.yml").normalize());
        assertThat(path(application, "management", "endpoint", "health", "probes", "enabled"))
                .isEqualTo(true);
    }

    @Test
    void imagesAreTheBuildsAndTheOverlayRenamesBothToOneVersion() {
        assertThat(checks.images(required("guichet.project.version"))).isEmpty();
    }

    @Test
    void settingsComeFromTheConfigMapAndTheSecretTemplates() {
        assertThat(checks.configuration()).isEmpty();
        assertThat(checks.overlay()).isEmpty();
    }

    @Test
    void theServiceTheIngressAndTheDisruptionBudgetSelectThePortal() {
        assertThat(checks.selectors()).isEmpty();
    }

    @Test
    void browsersStayOnOneReplicaWhileSessionsArePerReplica() throws Exception {
        // Spring Session JDBC, through Spring Boot's module for it: sessions shared, no affinity needed.
        boolean shared = Files.readString(ROOT.resolve("../../portal/pom.xml").normalize())
                .contains("<artifactId>spring-boot-session-jdbc</artifactId>");
        assertThat(checks.sessions(shared)).isEmpty();
    }

    @Test
    void theReferenceEnginesMatchTheClientAndTheOverlayLeadsToThem() {
        assertThat(checks.references(required("guichet.elasticsearch.version"))).isEmpty();
    }

    /** Set by the module's pom: the project's version, the Elasticsearch client's. */
    static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as(property).isNotBlank();
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> yaml, String... keys) {
        Object value = yaml;
        for (String key : keys) {
            value = value instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return value;
    }
}
