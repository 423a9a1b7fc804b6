package fr.guichetbio.infra.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the manifests must satisfy, each check a list of problems (empty: satisfied) so that a test can show a check
 * failing on a broken copy ({@code ManifestChecksTest}) as well as passing on the real files
 * ({@code KubernetesManifestsTest}).
 */
final class ManifestChecks {

    static final String PORTAL = "guichet-portal";
    static final String INDEXER = "guichet-indexer";
    static final String CONFIG = "guichet-config";
    static final String PLACEHOLDER = "REPLACE_ME";

    /** What the portal refuses to start without, or must be told (README, "Operations → Images"). */
    static final List<String> PORTAL_SETTINGS = List.of(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "SPRING_ELASTICSEARCH_URIS",
            "SPRING_ELASTICSEARCH_USERNAME",
            "SPRING_ELASTICSEARCH_PASSWORD",
            "GUICHET_PUBLIC_BASE_URL",
            "GUICHET_OIDC_ISSUER_URI",
            "GUICHET_OIDC_CLIENT_ID",
            "GUICHET_OIDC_CLIENT_SECRET",
            "GUICHET_API_SIGNING_KEY",
            "GUICHET_BADGES_SIGNING_KEYS",
            "GUICHET_MAIL_FROM",
            "SPRING_MAIL_HOST",
            "GUICHET_INDEXING_ENABLED");

    /** The indexer reads the database and Elasticsearch, nothing else. */
    static final List<String> INDEXER_SETTINGS = List.of(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "SPRING_ELASTICSEARCH_URIS",
            "SPRING_ELASTICSEARCH_USERNAME",
            "SPRING_ELASTICSEARCH_PASSWORD");

    private final Manifests manifests;

    ManifestChecks(Manifests manifests) {
        this.manifests = manifests;
    }

    /** Every YAML file is listed by a kustomization, every listed path exists. */
    List<String> layout() {
        List<String> problems = new ArrayList<>();
        manifests.unlisted.forEach(f -> problems.add(manifests.root.relativize(f) + ": listed by no kustomization"));
        manifests.missing.forEach(m -> problems.add(m + ": listed but missing"));
        return problems;
    }

    /** Every container runs locked down, within resources, writing only to an emptyDir on /tmp. */
    List<String> containers() {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            if (pod.getSecurityContext() == null
                    || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                problems.add(name + ": pod without runAsNonRoot");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(name + ": mounts a service account token it has no use for");
            }
            Map<String, Volume> volumes = new HashMap<>();
            pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
            for (Container container : pod.getContainers()) {
                String where = name + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                if (security == null) {
                    problems.add(where + ": no securityContext");
                    continue;
                }
                if (!Boolean.TRUE.equals(security.getRunAsNonRoot())) {
                    problems.add(where + ": runAsNonRoot not true");
                }
                if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(where + ": readOnlyRootFilesystem not true");
                }
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": allowPrivilegeEscalation not false");
                }
                if (Boolean.TRUE.equals(security.getPrivileged())) {
                    problems.add(where + ": privileged");
                }
                if (security.getCapabilities() == null
                        || !security.getCapabilities().getDrop().contains("ALL")
                        || !security.getCapabilities().getAdd().isEmpty()) {
                    problems.add(where + ": capabilities not all dropped");
                }
                problems.addAll(resources(where, container));
                VolumeMount tmp = container.getVolumeMounts().stream()
                        .filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst()
                        .orElse(null);
                if (tmp == null
                        || volumes.get(tmp.getName()) == null
                        || volumes.get(tmp.getName()).getEmptyDir() == null) {
                    problems.add(where + ": no emptyDir on /tmp (the image's only writable place)");
                } else if (volumes.get(tmp.getName()).getEmptyDir().getSizeLimit() == null) {
                    problems.add(where + ": /tmp without sizeLimit");
                }
            }
        }
        return problems;
    }

    private static List<String> resources(String where, Container container) {
        List<String> problems = new ArrayList<>();
        if (container.getResources() == null) {
            return List.of(where + ": no resources");
        }
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        if (requests.get("cpu") == null || requests.get("memory") == null) {
            problems.add(where + ": no cpu and memory requests");
        }
        // The heap follows the memory limit (-XX:MaxRAMPercentage=75): without one it follows the node's memory.
        if (limits.get("memory") == null) {
            problems.add(where + ": no memory limit");
        } else if (requests.get("memory") != null
                && Quantity.getAmountInBytes(requests.get("memory"))
                                .compareTo(Quantity.getAmountInBytes(limits.get("memory")))
                        > 0) {
            problems.add(where + ": memory request above the limit");
        }
        return problems;
    }

    /**
     * A container that serves HTTP has startup, readiness and liveness probes on the actuator's health groups, on a
     * port it declares; a container that serves nothing (the indexer) declares no port and no probe.
     */
    List<String> probes() {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = deployment.getMetadata().getName() + "/" + container.getName();
                if (container.getPorts().isEmpty()) {
                    if (container.getLivenessProbe() != null
                            || container.getReadinessProbe() != null
                            || container.getStartupProbe() != null) {
                        problems.add(where + ": probes on a container that declares no port");
                    }
                    continue;
                }
                problems.addAll(
                        probe(where, "startup", container.getStartupProbe(), "/actuator/health/liveness", container));
                problems.addAll(probe(
                        where, "readiness", container.getReadinessProbe(), "/actuator/health/readiness", container));
                problems.addAll(
                        probe(where, "liveness", container.getLivenessProbe(), "/actuator/health/liveness", container));
            }
        }
        return problems;
    }

    private static List<String> probe(String where, String kind, Probe probe, String path, Container container) {
        if (probe == null || probe.getHttpGet() == null) {
            return List.of(where + ": no HTTP " + kind + " probe");
        }
        List<String> problems = new ArrayList<>();
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": " + kind + " probe on " + probe.getHttpGet().getPath() + ", not " + path);
        }
        if (port(container.getPorts(), probe.getHttpGet().getPort()) == null) {
            problems.add(where + ": " + kind + " probe on a port the container does not declare");
        }
        return problems;
    }

    /** The container port a reference (number or name) designates, or null. */
    private static ContainerPort port(List<ContainerPort> ports, IntOrString reference) {
        if (reference == null) {
            return null;
        }
        return ports.stream()
                .filter(p -> reference.getStrVal() != null
                        ? reference.getStrVal().equals(p.getName())
                        : Objects.equals(reference.getIntVal(), p.getContainerPort()))
                .findFirst()
                .orElse(null);
    }

    /**
     * The base runs the images the build writes ({@code guichet-bioproduction/portal|indexer:<project version>}); the
     * example overlay renames both, to the same tag.
     */
    List<String> images(String version) {
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = Map.of(
                PORTAL, "guichet-bioproduction/portal:" + version, INDEXER, "guichet-bioproduction/indexer:" + version);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                if (!Objects.equals(expected.get(name), container.getImage())) {
                    problems.add(name + "/" + container.getName() + ": image " + container.getImage() + ", expected "
                            + expected.get(name));
                }
            }
        }
        Map<String, Map<String, Object>> renamed = new LinkedHashMap<>();
        manifests.kustomization("overlays/example").images().forEach(i -> renamed.put((String) i.get("name"), i));
        Set<Object> tags = new LinkedHashSet<>();
        for (String image : List.of("guichet-bioproduction/portal", "guichet-bioproduction/indexer")) {
            Map<String, Object> entry = renamed.get(image);
            if (entry == null) {
                problems.add("overlays/example: image " + image + " not renamed");
                continue;
            }
            tags.add(entry.get("newTag"));
            String suffix = image.substring(image.indexOf('/'));
            if (!String.valueOf(entry.get("newName")).endsWith(suffix)) {
                problems.add("overlays/example: " + image + " renamed " + entry.get("newName"));
            }
        }
        if (tags.size() > 1) {
            problems.add("overlays/example: portal and indexer images of different versions " + tags);
        }
        return problems;
    }

    /**
     * Every environment variable from a Secret names a key of a Secret template (secrets/secrets.yaml), from the
     * ConfigMap a key of the ConfigMap; the templates hold no secret (REPLACE_ME); every Secret volume is a template or
     * one ECK writes; each Deployment gets the settings it needs, the portal with indexing off.
     */
    List<String> configuration() {
        List<String> problems = new ArrayList<>();
        Map<String, Secret> secrets = new HashMap<>();
        manifests.all(Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), s));
        ConfigMap config = manifests.one(ConfigMap.class, CONFIG);
        for (Secret secret : secrets.values()) {
            Map<String, String> values = secret.getStringData();
            if (!secret.getData().isEmpty()) {
                problems.add("Secret " + secret.getMetadata().getName() + ": data instead of stringData placeholders");
            }
            values.forEach((key, value) -> {
                if (secret(key) && !PLACEHOLDER.equals(value)) {
                    problems.add("Secret " + secret.getMetadata().getName() + ": " + key + " is not " + PLACEHOLDER);
                }
            });
        }
        Set<String> operatorSecrets = new LinkedHashSet<>();
        manifests
                .custom("Elasticsearch")
                .forEach(e -> operatorSecrets.add(e.getMetadata().getName() + "-es-http-certs-public"));
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null
                        && !secrets.containsKey(volume.getSecret().getSecretName())
                        && !operatorSecrets.contains(volume.getSecret().getSecretName())) {
                    problems.add(name + ": volume of an unknown Secret "
                            + volume.getSecret().getSecretName());
                }
            }
            for (Container container : pod.getContainers()) {
                String where = name + "/" + container.getName();
                Map<String, String> settings = new LinkedHashMap<>();
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getSecretRef() != null) {
                        problems.add(where + ": a whole Secret as environment (name the keys)");
                    } else if (source.getConfigMapRef() == null
                            || !CONFIG.equals(source.getConfigMapRef().getName())) {
                        problems.add(where + ": environment from an unknown ConfigMap");
                    } else {
                        settings.putAll(config.getData());
                    }
                }
                for (EnvVar env : container.getEnv()) {
                    settings.put(env.getName(), env.getValue());
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secretRef = env.getValueFrom().getSecretKeyRef();
                    var configRef = env.getValueFrom().getConfigMapKeyRef();
                    if (secretRef != null) {
                        Secret secret = secrets.get(secretRef.getName());
                        if (secret == null) {
                            problems.add(
                                    where + ": " + env.getName() + " from an unknown Secret " + secretRef.getName());
                        } else if (!secret.getStringData().containsKey(secretRef.getKey())) {
                            problems.add(where + ": " + env.getName() + " from a key the Secret " + secretRef.getName()
                                    + " does not have: " + secretRef.getKey());
                        }
                    } else if (configRef != null
                            && (!CONFIG.equals(configRef.getName())
                                    || !config.getData().containsKey(configRef.getKey()))) {
                        problems.add(where + ": " + env.getName() + " from a key the ConfigMap does not have: "
                                + configRef.getName() + "/" + configRef.getKey());
                    } else if (secret(env.getName()) && configRef != null) {
                        problems.add(where + ": the secret " + env.getName() + " from the ConfigMap");
                    }
                }
                List<String> needed = name.equals(PORTAL) ? PORTAL_SETTINGS : INDEXER_SETTINGS;
                needed.stream()
                        .filter(s -> !settings.containsKey(s))
                        .forEach(s -> problems.add(where + ": " + s + " not set"));
                if (name.equals(PORTAL) && !"false".equals(settings.get("GUICHET_INDEXING_ENABLED"))) {
                    problems.add(
                            where + ": indexes in process (GUICHET_INDEXING_ENABLED must be false next to indexers)");
                }
            }
        }
        config.getData().forEach((key, value) -> {
            if (secret(key)) {
                problems.add("ConfigMap: " + key + " is a secret");
            }
        });
        return problems;
    }

    /** Names of settings that hold a secret, which belong in a Secret, never in the ConfigMap. */
    private static boolean secret(String key) {
        String upper = key.toUpperCase().replace('-', '_');
        return upper.contains("PASSWORD") || upper.contains("SECRET") || upper.contains("SIGNING_KEY");
    }

    /** The example overlay's ConfigMap patch leaves no placeholder in the merged ConfigMap. */
    List<String> overlay() {
        Map<String, String> merged =
                new LinkedHashMap<>(manifests.one(ConfigMap.class, CONFIG).getData());
        manifests.patches(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(CONFIG))
                .forEach(c -> merged.putAll(c.getData()));
        List<String> problems = new ArrayList<>();
        merged.forEach((key, value) -> {
            if (PLACEHOLDER.equals(value)) {
                problems.add("overlays/example: " + key + " left " + PLACEHOLDER);
            }
        });
        return problems;
    }

    /**
     * Each Deployment selects its own pods only; two replicas of each; the portal spread over nodes; the Service and the
     * PodDisruptionBudget select the portal's pods (not the indexer's), the Service's target port is the container's,
     * the Ingress leads to a port of the Service.
     */
    List<String> selectors() {
        List<String> problems = new ArrayList<>();
        Deployment portal = manifests.one(Deployment.class, PORTAL);
        Deployment indexer = manifests.one(Deployment.class, INDEXER);
        for (Deployment deployment : List.of(portal, indexer)) {
            String name = deployment.getMetadata().getName();
            if (!selects(deployment.getSpec().getSelector().getMatchLabels(), deployment)) {
                problems.add(name + ": its selector does not select its own pods");
            }
            if (!Integer.valueOf(2).equals(deployment.getSpec().getReplicas())) {
                problems.add(name + ": " + deployment.getSpec().getReplicas() + " replicas, not 2");
            }
        }
        if (selects(portal.getSpec().getSelector().getMatchLabels(), indexer)
                || selects(indexer.getSpec().getSelector().getMatchLabels(), portal)) {
            problems.add("the portal and indexer selectors overlap");
        }
        PodSpec pod = portal.getSpec().getTemplate().getSpec();
        boolean spread = pod.getTopologySpreadConstraints().stream()
                .anyMatch(c -> c.getTopologyKey().equals("kubernetes.io/hostname")
                        && selects(c.getLabelSelector().getMatchLabels(), portal));
        boolean antiAffinity = pod.getAffinity() != null && pod.getAffinity().getPodAntiAffinity() != null;
        if (!spread && !antiAffinity) {
            problems.add(PORTAL + ": replicas not spread over nodes");
        }

        List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class);
        if (budgets.stream().noneMatch(b -> selects(b.getSpec().getSelector().getMatchLabels(), portal))) {
            problems.add("no PodDisruptionBudget selects the portal's pods");
        }
        for (PodDisruptionBudget budget : budgets) {
            if (selects(budget.getSpec().getSelector().getMatchLabels(), portal)
                    && !new IntOrString(1).equals(budget.getSpec().getMinAvailable())) {
                problems.add("PodDisruptionBudget " + budget.getMetadata().getName() + ": minAvailable "
                        + budget.getSpec().getMinAvailable() + ", not 1");
            }
        }

        Service service = manifests.one(Service.class, PORTAL);
        if (!selects(service.getSpec().getSelector(), portal)
                || selects(service.getSpec().getSelector(), indexer)) {
            problems.add("Service " + PORTAL + ": does not select the portal's pods only");
        }
        List<ContainerPort> ports = pod.getContainers().getFirst().getPorts();
        for (ServicePort port : service.getSpec().getPorts()) {
            if (port(ports, port.getTargetPort()) == null) {
                problems.add("Service " + PORTAL + ": target port "
                        + port.getTargetPort().getValue() + " is no container port");
            }
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    IngressServiceBackend backend = path.getBackend().getService();
                    boolean found = backend.getName().equals(PORTAL)
                            && service.getSpec().getPorts().stream()
                                    .anyMatch(p -> backend.getPort().getName() != null
                                            ? backend.getPort().getName().equals(p.getName())
                                            : Objects.equals(backend.getPort().getNumber(), p.getPort()));
                    if (!found) {
                        problems.add("Ingress " + ingress.getMetadata().getName() + ": leads to " + backend.getName()
                                + " port "
                                + Objects.requireNonNullElse(
                                        backend.getPort().getName(),
                                        backend.getPort().getNumber())
                                + ", no port of the portal Service");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Were each portal to keep its sessions in memory (no Spring Session JDBC in the portal), every Ingress would have
     * to send a browser back to the same replica: a sign-in started on one replica and finished on another would fail.
     * With the sessions in PostgreSQL, nothing to check.
     */
    List<String> sessions(boolean sharedSessions) {
        if (sharedSessions) {
            return List.of();
        }
        return manifests.all(Ingress.class).stream()
                .filter(i ->
                        !"cookie".equals(i.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/affinity")))
                .map(i ->
                        "Ingress " + i.getMetadata().getName() + ": no session affinity, and sessions are per replica")
                .toList();
    }

    private static boolean selects(Map<String, String> selector, Deployment deployment) {
        Map<String, String> labels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * The engines of references/: Elasticsearch of the client's version on 3 nodes with the analysis plugin installed,
     * its users from the Secret templates; PostgreSQL on 2 instances whose owner is the database Secret; the example
     * overlay's addresses lead to both.
     */
    List<String> references(String elasticsearchVersion) {
        List<String> problems = new ArrayList<>();
        Set<String> secrets = new LinkedHashSet<>();
        manifests.all(Secret.class).forEach(s -> secrets.add(s.getMetadata().getName()));
        Map<String, String> config =
                new LinkedHashMap<>(manifests.one(ConfigMap.class, CONFIG).getData());
        manifests.patches(ConfigMap.class).forEach(c -> config.putAll(c.getData()));

        List<GenericKubernetesResource> clusters = manifests.custom("Elasticsearch");
        if (clusters.size() != 1) {
            return List.of(clusters.size() + " Elasticsearch resources, expected 1");
        }
        GenericKubernetesResource elasticsearch = clusters.getFirst();
        String name = elasticsearch.getMetadata().getName();
        if (!elasticsearchVersion.equals(elasticsearch.get("spec", "version"))) {
            problems.add("Elasticsearch: version " + elasticsearch.get("spec", "version") + ", not the client's "
                    + elasticsearchVersion);
        }
        List<Map<String, Object>> nodeSets = elasticsearch.get("spec", "nodeSets");
        int nodes = nodeSets.stream()
                .mapToInt(n -> ((Number) n.get("count")).intValue())
                .sum();
        if (nodes != 3) {
            problems.add("Elasticsearch: " + nodes + " nodes, not 3");
        }
        for (Map<String, Object> nodeSet : nodeSets) {
            String text = String.valueOf(nodeSet.get("podTemplate"));
            if (!text.contains("elasticsearch-plugin install --batch")) {
                problems.add("Elasticsearch: node set " + nodeSet.get("name") + " without the analysis plugin");
            }
        }
        for (String realm : List.of("fileRealm", "roles")) {
            List<Map<String, Object>> refs = elasticsearch.get("spec", "auth", realm);
            for (Map<String, Object> ref : refs == null ? List.<Map<String, Object>>of() : refs) {
                if (!secrets.contains((String) ref.get("secretName"))) {
                    problems.add("Elasticsearch: " + realm + " from an unknown Secret " + ref.get("secretName"));
                }
            }
        }
        if (!config.get("SPRING_ELASTICSEARCH_URIS").startsWith("https://" + name + "-es-http.")) {
            problems.add(
                    "overlays/example: SPRING_ELASTICSEARCH_URIS does not lead to ECK's service " + name + "-es-http");
        }

        List<GenericKubernetesResource> databases = manifests.custom("Cluster");
        if (databases.size() != 1) {
            problems.add(databases.size() + " CloudNativePG clusters, expected 1");
            return problems;
        }
        GenericKubernetesResource database = databases.getFirst();
        if (!Integer.valueOf(2).equals(database.get("spec", "instances"))) {
            problems.add("CloudNativePG: " + database.get("spec", "instances") + " instances, not 2");
        }
        String owner = database.get("spec", "bootstrap", "initdb", "secret", "name");
        Secret ownerSecret = manifests.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(owner))
                .findFirst()
                .orElse(null);
        if (ownerSecret == null || !"kubernetes.io/basic-auth".equals(ownerSecret.getType())) {
            problems.add("CloudNativePG: owner from " + owner + ", not a basic-auth Secret template");
        } else if (!Objects.equals(
                ownerSecret.getStringData().get("username"), database.get("spec", "bootstrap", "initdb", "owner"))) {
            problems.add("CloudNativePG: owner is not the Secret's username");
        }
        String url = "jdbc:postgresql://" + database.getMetadata().getName() + "-rw.";
        String db = "/" + database.get("spec", "bootstrap", "initdb", "database");
        if (!config.get("SPRING_DATASOURCE_URL").startsWith(url)
                || !config.get("SPRING_DATASOURCE_URL").endsWith(db)) {
            problems.add("overlays/example: SPRING_DATASOURCE_URL does not lead to " + url + "…" + db);
        }
        return problems;
    }
}
