package fr.guichetbio.infra.images;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.images.ImageTar.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two image tars of {@code ./mvnw -Pimages package} as a cluster would run them: a non-root user, the Java
 * runtime the entrypoint names, the whole class path, /tmp as the only volume, and no file a process of the image
 * could change (everything owned by root, nothing writable by others, no set-id bit) — so a read-only root file
 * system loses nothing.
 */
class ImageTarsTest {

    private static final String MAIN_CLASS = "fr.guichetbio.portal.PortalApplication";

    private static ImageTar portal;
    private static ImageTar indexer;

    @BeforeAll
    static void readTars() throws IOException {
        Path dir = Path.of(System.getProperty("guichet.images.dir", "../../portal/target"));
        portal = ImageTar.read(dir.resolve("portal-image.tar"));
        indexer = ImageTar.read(dir.resolve("indexer-image.tar"));
    }

    @Test
    void portalServesPort8080AndIndexerNothing() {
        assertThat(portal.repoTags()).singleElement().asString().startsWith("guichet-bioproduction/portal:");
        assertThat(indexer.repoTags()).singleElement().asString().startsWith("guichet-bioproduction/indexer:");
        Map<String, Object> ports = portal.config().read("$.config.ExposedPorts");
        assertThat(ports).containsOnlyKeys("8080/tcp");
        Map<String, Object> indexerConfig = indexer.config().read("$.config");
        assertThat((Map<?, ?>) indexerConfig.getOrDefault("ExposedPorts", Map.of()))
                .isEmpty();
        assertThat(environment(indexer)).contains("SPRING_PROFILES_ACTIVE=indexer");
        assertThat(environment(portal)).noneMatch(variable -> variable.startsWith("SPRING_PROFILES_ACTIVE="));
    }

    @Test
    void runAsAUserWithoutShellOrWritableHome() {
        for (ImageTar image : List.of(portal, indexer)) {
            assertThat(image.config().<String>read("$.config.User")).isEqualTo("10001:10001");
            assertThat(image.files().get("/etc/passwd").text())
                    .contains("guichet:x:10001:10001:Guichet Bioproduction:/home/guichet:/usr/sbin/nologin\n");
            assertThat(image.files().get("/etc/group").text()).contains("guichet:x:10001:\n");
            assertThat(image.files()).doesNotContainKeys("/bin/sh", "/usr/bin/sh", "/usr/sbin/nologin");
            assertThat(image.config().<String>read("$.config.WorkingDir")).isEqualTo("/home/guichet");
        }
    }

    @Test
    void entrypointStartsTheJavaRuntimeOnTheWholeClassPath() {
        for (ImageTar image : List.of(portal, indexer)) {
            List<String> entrypoint = image.config().read("$.config.Entrypoint");
            assertThat(entrypoint.getFirst()).isEqualTo("java");
            assertThat(entrypoint.getLast()).isEqualTo(MAIN_CLASS);
            assertThat(entrypoint).containsSequence("-cp", "@/app/jib-classpath-file");
            assertThat(environment(image)).contains("PATH=/opt/java/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8");

            Entry java = image.files().get("/opt/java/bin/java");
            assertThat(java.isRegularFile()).isTrue();
            assertThat(java.mode() & 0777).isEqualTo(0755);
            // The program interpreter and the C libraries the runtime links to, as regular files (no links).
            for (String library : List.of(
                    "/lib64/ld-linux-x86-64.so.2",
                    "/lib/x86_64-linux-gnu/libc.so.6",
                    "/lib/x86_64-linux-gnu/libm.so.6",
                    "/lib/x86_64-linux-gnu/libgcc_s.so.1",
                    "/opt/java/lib/server/libjvm.so",
                    "/opt/java/lib/libawt_headless.so",
                    "/usr/lib/locale/C.utf8/LC_CTYPE")) {
                assertThat(image.files().get(library)).as(library).isNotNull().matches(Entry::isRegularFile);
            }
            String classPath =
                    image.files().get("/app/jib-classpath-file").text().strip();
            assertThat(classPath.split(":"))
                    .hasSizeGreaterThan(100)
                    .allSatisfy(element -> assertThat(image.files()).containsKey(element));
            assertThat(image.files().get("/app/classes/fr/guichetbio/portal/PortalApplication.class"))
                    .isNotNull();
        }
    }

    @Test
    void nothingIsWritableButTheTmpVolume() {
        for (ImageTar image : List.of(portal, indexer)) {
            Map<String, Object> volumes = image.config().read("$.config.Volumes");
            assertThat(volumes).containsOnlyKeys("/tmp");
            assertThat(image.files().values())
                    .filteredOn(entry -> !entry.path().equals("/tmp"))
                    .allSatisfy(entry -> {
                        assertThat(entry.uid()).as(entry.path()).isZero();
                        assertThat(entry.gid()).as(entry.path()).isZero();
                        assertThat(entry.mode() & 0022)
                                .as(entry.path() + " writable by others")
                                .isZero();
                        assertThat(entry.mode() & 07000)
                                .as(entry.path() + " set-id")
                                .isZero();
                    });
            assertThat(image.files().get("/tmp").isDirectory()).isTrue();
        }
    }

    @Test
    void sameLayersForBothImages() {
        // One set of blobs to store and pull: the images differ only by their configuration.
        assertThat(portal.files().keySet()).isEqualTo(indexer.files().keySet());
        assertThat(portal.config().<List<String>>read("$.rootfs.diff_ids"))
                .isEqualTo(indexer.config().<List<String>>read("$.rootfs.diff_ids"));
    }

    private static List<String> environment(ImageTar image) {
        return image.config().read("$.config.Env");
    }
}
