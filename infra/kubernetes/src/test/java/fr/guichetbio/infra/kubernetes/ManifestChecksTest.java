package fr.guichetbio.infra.kubernetes;

import static fr.guichetbio.infra.kubernetes.KubernetesManifestsTest.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each check of {@link ManifestChecks} fails on a copy of the manifests broken the way it guards against. */
class ManifestChecksTest {

    private Manifests manifests;
    private ManifestChecks checks;

    @BeforeEach
    void load() {
        manifests = Manifests.load(ROOT);
        checks = new ManifestChecks(manifests);
    }

    private Container container(String deployment) {
        return manifests
                .one(Deployment.class, deployment)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    @Test
    void aWritableRootOrAnEscalationOrNoMemoryLimitIsReported() {
        container(ManifestChecks.PORTAL).getSecurityContext().setReadOnlyRootFilesystem(false);
        container(ManifestChecks.INDEXER).getSecurityContext().setAllowPrivilegeEscalation(null);
        container(ManifestChecks.INDEXER).getResources().getLimits().remove("memory");
        container(ManifestChecks.PORTAL).getResources().getRequests().put("memory", new Quantity("2Gi"));

        assertThat(checks.containers())
                .containsExactlyInAnyOrder(
                        "guichet-portal/portal: readOnlyRootFilesystem not true",
                        "guichet-portal/portal: memory request above the limit",
                        "guichet-indexer/indexer: allowPrivilegeEscalation not false",
                        "guichet-indexer/indexer: no memory limit");
    }

    @Test
    void aMissingProbeOrAProbeOnAnUndeclaredPortIsReported() {
        container(ManifestChecks.PORTAL).setStartupProbe(null);
        container(ManifestChecks.PORTAL).getLivenessProbe().getHttpGet().setPort(new IntOrString(8081));

        assertThat(checks.probes())
                .containsExactlyInAnyOrder(
                        "guichet-portal/portal: no HTTP startup probe",
                        "guichet-portal/portal: liveness probe on a port the container does not declare");
    }

    @Test
    void anotherImageOrVersionIsReported() {
        container(ManifestChecks.INDEXER).setImage("guichet-bioproduction/portal:0.0.1");

        assertThat(checks.images("0.1.0-SNAPSHOT"))
                .singleElement()
                .asString()
                .contains("guichet-indexer/indexer: image");
    }

    @Test
    void aSecretKeyTheTemplateLacksOrARealSecretIsReported() {
        container(ManifestChecks.PORTAL).getEnv().stream()
                .filter(e -> e.getName().equals("GUICHET_API_SIGNING_KEY"))
                .findFirst()
                .orElseThrow()
                .getValueFrom()
                .getSecretKeyRef()
                .setKey("api-key");
        manifests.one(Secret.class, "guichet-database").getStringData().put("password", "hunter2");
        manifests.one(ConfigMap.class, ManifestChecks.CONFIG).getData().put("SPRING_MAIL_PASSWORD", "x");

        assertThat(checks.configuration())
                .containsExactlyInAnyOrder(
                        "guichet-portal/portal: GUICHET_API_SIGNING_KEY from a key the Secret guichet-portal does not"
                                + " have: api-key",
                        "Secret guichet-database: password is not REPLACE_ME",
                        "ConfigMap: SPRING_MAIL_PASSWORD is a secret");
    }

    @Test
    void aPortalThatIndexesOrAnIndexerWithoutDatabaseIsReported() {
        container(ManifestChecks.PORTAL).getEnv().removeIf(e -> e.getName().equals("GUICHET_INDEXING_ENABLED"));
        container(ManifestChecks.INDEXER).getEnv().removeIf(e -> e.getName().equals("SPRING_DATASOURCE_URL"));

        assertThat(checks.configuration())
                .containsExactlyInAnyOrder(
                        "guichet-portal/portal: GUICHET_INDEXING_ENABLED not set",
                        "guichet-portal/portal: indexes in process (GUICHET_INDEXING_ENABLED must be false next to"
                                + " indexers)",
                        "guichet-indexer/indexer: SPRING_DATASOURCE_URL not set");
    }

    @Test
    void aPlaceholderTheOverlayLeavesIsReported() {
        manifests.patches(ConfigMap.class).getFirst().getData().remove("GUICHET_PUBLIC_BASE_URL");

        assertThat(checks.overlay()).containsExactly("overlays/example: GUICHET_PUBLIC_BASE_URL left REPLACE_ME");
    }

    @Test
    void selectorsThatMissThePortalOrAWrongTargetPortAreReported() {
        manifests
                .one(PodDisruptionBudget.class, "guichet-portal")
                .getSpec()
                .getSelector()
                .setMatchLabels(Map.of("app.kubernetes.io/name", "guichet"));
        manifests
                .one(Service.class, "guichet-portal")
                .getSpec()
                .getPorts()
                .getFirst()
                .setTargetPort(new IntOrString("web"));
        manifests.one(Deployment.class, ManifestChecks.INDEXER).getSpec().setReplicas(1);

        assertThat(checks.selectors())
                .containsExactlyInAnyOrder(
                        "guichet-indexer: 1 replicas, not 2",
                        "no PodDisruptionBudget selects the portal's pods",
                        "Service guichet-portal: target port web is no container port");
    }

    @Test
    void anIngressWithoutAffinityIsReportedWhileSessionsArePerReplica() {
        manifests
                .all(Ingress.class)
                .getFirst()
                .getMetadata()
                .getAnnotations()
                .remove("nginx.ingress.kubernetes.io/affinity");

        assertThat(checks.sessions(false))
                .containsExactly("Ingress guichet-portal: no session affinity, and sessions are per replica");
        assertThat(checks.sessions(true)).isEmpty();
    }

    @Test
    void anEngineOfAnotherVersionOrSizeIsReported() {
        assertThat(checks.references("9.3.0"))
                .singleElement()
                .asString()
                .contains("version 9.2.8, not the client's 9.3.0");
        manifests.custom("Cluster").getFirst().setAdditionalProperty("spec", Map.of("instances", 1));

        assertThat(checks.references("9.2.8")).contains("CloudNativePG: 1 instances, not 2");
    }
}
