package fr.guichetbio.infra.kubernetes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every manifest under {@code infra/kubernetes}, read the way Kustomize reads them: from each {@code kustomization.yaml},
 * the files of its {@code resources} (typed by the fabric8 model: a {@code Deployment} is a fabric8 {@code Deployment};
 * the operators' resources, unknown to the model, are {@link GenericKubernetesResource}s) and of its {@code patches}.
 * Files no kustomization lists and listed paths that do not exist are kept for {@link ManifestChecks#layout}.
 *
 * <p>The objects are fabric8's mutable ones: a test may break one to see a check fail (load again for a fresh copy).
 */
final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A resource and the file it comes from (for messages). */
    record Document(Path file, HasMetadata resource) {}

    /** A kustomization file: its folder and content. */
    record Kustomization(Path dir, Map<String, Object> content) {

        List<String> entries(String field) {
            Object value = content.get(field);
            if (value == null) {
                return List.of();
            }
            List<String> entries = new ArrayList<>();
            for (Object entry : (List<?>) value) {
                // resources: ["file.yaml", "../dir"]; patches: [{path: file.yaml}]
                entries.add(entry instanceof Map<?, ?> map ? (String) map.get("path") : (String) entry);
            }
            return entries;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> images() {
            return (List<Map<String, Object>>) content.getOrDefault("images", List.of());
        }
    }

    final Path root;
    final List<Kustomization> kustomizations = new ArrayList<>();
    final List<Document> resources = new ArrayList<>();
    final List<Document> patches = new ArrayList<>();
    final Set<Path> unlisted = new LinkedHashSet<>();
    final List<String> missing = new ArrayList<>();

    private Manifests(Path root) {
        this.root = root;
    }

    static Manifests load(Path root) {
        Manifests manifests = new Manifests(root);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> yaml = files.filter(
                            f -> !f.startsWith(root.resolve("src")) && !f.startsWith(root.resolve("target")))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
            manifests.unlisted.addAll(yaml);
            for (Path file : yaml) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    manifests.unlisted.remove(file);
                    manifests.kustomizations.add(new Kustomization(
                            file.getParent(),
                            YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {})));
                }
            }
            for (Kustomization kustomization : manifests.kustomizations) {
                manifests.read(kustomization, "resources", manifests.resources);
                manifests.read(kustomization, "patches", manifests.patches);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    private void read(Kustomization kustomization, String field, List<Document> into) throws IOException {
        for (String entry : kustomization.entries(field)) {
            Path path = kustomization.dir().resolve(entry).normalize();
            if (Files.isDirectory(path)) {
                if (!Files.exists(path.resolve("kustomization.yaml"))) {
                    missing.add(root.relativize(kustomization.dir()) + ": " + entry
                            + " (a folder without kustomization.yaml)");
                }
                continue;
            }
            if (!Files.exists(path)) {
                missing.add(root.relativize(kustomization.dir()) + ": " + entry);
                continue;
            }
            unlisted.remove(path);
            try (MappingIterator<KubernetesResource> documents =
                    YAML.readerFor(KubernetesResource.class).readValues(path.toFile())) {
                while (documents.hasNext()) {
                    KubernetesResource resource = documents.next();
                    if (resource != null) {
                        into.add(new Document(root.relativize(path), (HasMetadata) resource));
                    }
                }
            }
        }
    }

    /** The resources of one type (fabric8 class), from every kustomization. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream()
                .map(Document::resource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The resource of that type and name; fails when there is none. */
    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** The operators' resources of one kind (Elasticsearch, Cluster), unknown to the fabric8 model. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind))
                .toList();
    }

    /** The patches of that type (the overlay's ConfigMap). */
    <T extends HasMetadata> List<T> patches(Class<T> type) {
        return patches.stream()
                .map(Document::resource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The kustomization of that folder, relative to the root (e.g. {@code overlays/example}). */
    Kustomization kustomization(String dir) {
        return kustomizations.stream()
                .filter(k -> k.dir().equals(root.resolve(dir).normalize()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no kustomization in " + dir));
    }

    /** A YAML file outside the manifests (the portal's application.yml), as maps. */
    static Map<String, Object> yaml(Path file) {
        try {
            return YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
