package se.companydata.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image, built here without a container engine ({@link ContainerImage}) on a Debian root filesystem
 * ({@code tools/image-rootfs.sh}), then inspected, not run: no private key in any layer, user 185, the AOT cache
 * present; and the cache fits the image's own JVM (started under {@code chroot} in the image's file system, as
 * user 185, with {@code -XX:AOTMode=on}, which refuses to start on a cache it cannot use). Needs root and
 * debootstrap (.ci/run installs it); the root filesystem is made once and kept in {@code ~/.cache}.
 */
class ContainerImageIT {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath();
    private static final Path ROOTFS = Path.of(System.getProperty("image.rootfs",
            System.getProperty("user.home") + "/.cache/company-data-gateway/rootfs-trixie"));
    private static final Path WORK = REPOSITORY.resolve("target/image-work");
    private static final Path TAR = REPOSITORY.resolve("target/image/company-data-gateway.tar");

    private static JsonNode config;
    private static final Map<String, Path> LAYERS = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the image build needs root (chroot, mount)");
        ContainerImage.unmountQuietly(WORK.resolve("root/proc"));   // left mounted by a run that was killed
        Process rootfs = new ProcessBuilder("bash", "tools/image-rootfs.sh", ROOTFS.toString()).inheritIO().start();
        assertThat(rootfs.waitFor(15, TimeUnit.MINUTES)).as("the root filesystem within 15 minutes").isTrue();
        assumeTrue(rootfs.exitValue() != 3, "debootstrap is missing (apt-get install debootstrap)");
        assertThat(rootfs.exitValue()).as("tools/image-rootfs.sh").isZero();

        ContainerImage.build(REPOSITORY.resolve("target/quarkus-app"), ROOTFS, REPOSITORY, WORK, TAR, "company-data-gateway:test");

        // The image tar: manifest.json names the config and the layers (gzipped tars, base first).
        Path image = Files.createDirectories(WORK.resolve("image"));
        untar(TAR, image, false);
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = json.readTree(image.resolve(manifest.get("Config").asText()).toFile());
        for (JsonNode layer : manifest.get("Layers")) {
            LAYERS.put(layer.asText(), image.resolve(layer.asText()));
        }
    }

    @Test
    void noLayerHoldsAPrivateKeyOrTheTrainingRunsFiles() throws IOException {
        List<String> found = new ArrayList<>();
        long files = 0;
        for (Path layer : LAYERS.values()) {
            try (TarArchiveInputStream entries = gzippedTar(layer)) {
                for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
                    String name = entry.getName();
                    if (name.contains("dev-pki") || name.contains("aot-training")) {
                        found.add(name + " (the training run's)");
                    }
                    if (!entry.isFile()) {
                        continue;
                    }
                    files++;
                    if (name.matches(".*\\.(key|p12|pfx|jks)$")) {
                        found.add(name + " (a key store's name)");
                    }
                    if (entry.getSize() < 64 * 1024 * 1024 && holdsPemPrivateKey(entries.readAllBytes())) {
                        found.add(name + " (a PEM private key)");
                    }
                }
            }
        }
        assertThat(files).as("files in the image's layers").isGreaterThan(1_000);
        assertThat(found).as("private keys or training files in a layer").isEmpty();
    }

    @Test
    void itRunsAsUser185WithItsAotCache() throws IOException {
        assertThat(config.at("/config/User").asText()).isEqualTo(ContainerImage.USER);
        List<String> entrypoint = new ArrayList<>();
        config.at("/config/Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint).isEqualTo(ContainerImage.ENTRYPOINT);
        long cacheBytes = -1;
        for (Path layer : LAYERS.values()) {
            try (TarArchiveInputStream entries = gzippedTar(layer)) {
                for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
                    if (entry.getName().replaceFirst("^\\./", "").equals(ContainerImage.CACHE.substring(1))) {
                        cacheBytes = entry.getSize();
                    }
                }
            }
        }
        assertThat(cacheBytes).as("bytes of " + ContainerImage.CACHE).isGreaterThan(10L * 1024 * 1024);
    }

    @Test
    void theCacheFitsTheImagesOwnJvm() throws Exception {
        Path root = Files.createDirectories(WORK.resolve("root"));
        for (Path layer : LAYERS.values()) {
            untar(layer, root, true);
        }
        List<String> command = new ArrayList<>(List.of("chroot", "--userspec=185:185", root.toString(), "/usr/bin/env", "-i"));
        config.at("/config/Env").forEach(variable -> command.add(variable.asText()));
        List<String> entrypoint = new ArrayList<>(ContainerImage.ENTRYPOINT);
        // Refuse to start on a cache that does not fit, rather than warn and go on without it.
        entrypoint.add(1, "-XX:AOTMode=on");
        command.addAll(entrypoint);
        run(List.of("mount", "-t", "proc", "proc", root.resolve("proc").toString()));
        Process gateway;
        String output;
        try {
            gateway = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(gateway.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gateway.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            run(List.of("umount", root.resolve("proc").toString()));
        }
        // The prod profile without its Secrets and ConfigMaps: the gateway's own start-up check ran, so the JVM
        // (OpenJDK 25, as user 185) started with the cache.
        assertThat(output).as("the image's JVM with its cache").contains("The gateway cannot start")
                .doesNotContainIgnoringCase("Unable to use AOT cache").doesNotContain("AOTMode");
        assertThat(gateway.exitValue()).as(output).isEqualTo(2);
    }

    private static boolean holdsPemPrivateKey(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        return text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----");
    }

    private static TarArchiveInputStream gzippedTar(Path layer) throws IOException {
        return new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer)), 1 << 16));
    }

    private static void untar(Path tar, Path into, boolean gzipped) throws IOException, InterruptedException {
        run(List.of("tar", "--numeric-owner", gzipped ? "-xzf" : "-xf", tar.toString(), "-C", into.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
