package se.companydata.gateway.deploy;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway's container image, built without a container engine (docs/deployment.md "The image"):
 * <ol>
 * <li>the base is a Debian root filesystem with OpenJDK 25 ({@code tools/image-rootfs.sh}), made into a one-layer
 *     image archive here;</li>
 * <li>the AOT cache is written by that very JDK, for the very paths of the image: the packaged gateway is put at
 *     {@code /deployments} inside the root filesystem and the training run ({@code tools/aot-cache.sh}, sandbox
 *     profile, the development PKI) runs there under {@code chroot}; only the cache is kept, the PKI never leaves
 *     that directory, which is not part of any layer;</li>
 * <li>Jib adds the gateway's layers (dependencies, application, cache) with the times and sizes the cache was
 *     trained on, user 185, the entrypoint with {@code -XX:AOTCache}, and writes the image as a tar
 *     ({@code docker load}, {@code podman load} or {@code skopeo copy docker-archive:…} take it).</li>
 * </ol>
 * Needs root (chroot, mounting /proc). Run by {@code tools/image.sh} and {@code ContainerImageIT}.
 */
public final class ContainerImage {

    /** As in the deployment: the training run must use the JVM options the pods use, or the cache does not fit. */
    static final String JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=40 -XX:+UseSerialGC -Djdk.nio.maxCachedBufferSize=262144 "
            + "-XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager "
            + "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String USER = "185";
    static final String CACHE = "/deployments/app.aot";
    static final List<String> ENTRYPOINT = List.of("java", "-XX:AOTCache=" + CACHE, "-jar", "/deployments/quarkus-run.jar");
    private static final String JAVA = "/usr/lib/jvm/java-25-openjdk-amd64/bin/java";

    /** The image written, and how long the training run took. */
    public record Built(Path tar, String reference, Duration training) {
    }

    private ContainerImage() {
    }

    /**
     * @param app        the packaged gateway ({@code target/quarkus-app})
     * @param rootfs     the base root filesystem ({@code tools/image-rootfs.sh}); used for the training run, left as found
     * @param repository the repository root (the development PKI and the sandbox registry for the training run)
     * @param work       a scratch directory
     * @param tar        where the image goes
     * @param reference  the image's name and tag
     */
    public static Built build(Path app, Path rootfs, Path repository, Path work, Path tar, String reference)
            throws IOException, InterruptedException {
        deleteRecursively(work);
        Files.createDirectories(work);
        long started = System.nanoTime();
        Path cache = train(app, rootfs, repository, work);
        Duration training = Duration.ofNanos(System.nanoTime() - started);
        Path base = baseImage(rootfs, work);
        try {
            Files.createDirectories(tar.toAbsolutePath().getParent());
            Jib.from(TarImage.at(base).named("company-data-gateway-base:local"))
                    .setFileEntriesLayers(
                            layer("dependencies", app, List.of("lib")),
                            layer("application", app, List.of("quarkus-run.jar", "app", "quarkus")),
                            FileEntriesLayer.builder().setName("aot-cache").addEntry(cache, AbsoluteUnixPath.get(CACHE),
                                    FilePermissions.DEFAULT_FILE_PERMISSIONS, Files.getLastModifiedTime(cache).toInstant()).build())
                    .addEnvironmentVariable("LANGUAGE", "en_US:en")
                    .addEnvironmentVariable("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS)
                    .setUser(USER)
                    .setWorkingDirectory(AbsoluteUnixPath.get("/deployments"))
                    .setExposedPorts(Port.tcp(8443), Port.tcp(9000))
                    .setEntrypoint(ENTRYPOINT)
                    .containerize(Containerizer.to(TarImage.at(tar).named(reference))
                            .setBaseImageLayersCache(work.resolve("jib-cache/base"))
                            .setApplicationLayersCache(work.resolve("jib-cache/application")));
        } catch (InvalidImageReferenceException | RegistryException | CacheDirectoryCreationException | ExecutionException e) {
            throw new IOException("the image could not be built: " + e.getMessage(), e);
        }
        return new Built(tar, reference, training);
    }

    /**
     * The training run inside the root filesystem, with the gateway at {@code /deployments} (times kept, so the
     * image's files match what the cache was trained on); the cache it wrote, moved out.
     */
    private static Path train(Path app, Path rootfs, Path repository, Path work) throws IOException, InterruptedException {
        Path deployments = rootfs.resolve("deployments");
        Path training = rootfs.resolve("tmp/aot-training");
        deleteRecursively(deployments);
        deleteRecursively(training);
        copyRecursively(app, deployments);
        Files.deleteIfExists(deployments.resolve("app.aot"));
        copyRecursively(repository.resolve("target/dev-pki"), training.resolve("target/dev-pki"));
        copyRecursively(repository.resolve("src/main/resources/sandbox/consumers.yaml"),
                training.resolve("src/main/resources/sandbox/consumers.yaml"));
        copyRecursively(repository.resolve("tools/aot-cache.sh"), training.resolve("aot-cache.sh"));
        Path log = work.resolve("training.log");
        unmountQuietly(rootfs.resolve("proc"));   // left mounted by a run that was killed
        run(List.of("mount", "-t", "proc", "proc", rootfs.resolve("proc").toString()), log);
        try {
            run(List.of("chroot", rootfs.toString(), "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp",
                    "JAVA_TOOL_OPTIONS=" + JAVA_TOOL_OPTIONS, "JAVA=" + JAVA, "/bin/bash", "-c",
                    "cd /tmp/aot-training && bash aot-cache.sh /deployments"), log);
            Path cache = work.resolve("app.aot");
            Files.move(deployments.resolve("app.aot"), cache, StandardCopyOption.REPLACE_EXISTING);
            return cache;
        } finally {
            run(List.of("umount", rootfs.resolve("proc").toString()), log);
            deleteRecursively(deployments);
            deleteRecursively(training);
            deleteRecursively(rootfs.resolve("tmp/gateway-aot-training-audit"));
        }
    }

    /** The root filesystem as a one-layer image archive (the {@code docker save} layout Jib reads as a base). */
    private static Path baseImage(Path rootfs, Path work) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("base"));
        Path layer = dir.resolve("layer.tar");
        run(List.of("tar", "--numeric-owner", "--exclude=./deployments", "--exclude=./tmp/*", "--exclude=./proc/*",
                "--exclude=./.complete", "-C", rootfs.toString(), "-cf", layer.toString(), "."), work.resolve("base.log"));
        String diffId = "sha256:" + sha256(layer);
        Files.writeString(dir.resolve("config.json"), """
                {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(diffId), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("manifest.json"), """
                [{"Config":"config.json","RepoTags":["company-data-gateway-base:local"],"Layers":["layer.tar"]}]""",
                StandardCharsets.UTF_8);
        Path base = work.resolve("base.tar");
        run(List.of("tar", "-C", dir.toString(), "-cf", base.toString(), "manifest.json", "config.json", "layer.tar"),
                work.resolve("base.log"));
        Files.delete(layer);
        return base;
    }

    /** The named parts of the packaged gateway under {@code /deployments}, each file with its own modification time. */
    private static FileEntriesLayer layer(String name, Path app, List<String> parts) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String part : parts) {
            try (Stream<Path> files = Files.walk(app.resolve(part))) {
                for (Path file : files.sorted().toList()) {
                    String inImage = "/deployments/" + app.relativize(file).toString().replace('\\', '/');
                    layer.addEntry(file, AbsoluteUnixPath.get(inImage), Files.isDirectory(file)
                                    ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS : FilePermissions.DEFAULT_FILE_PERMISSIONS,
                            Files.getLastModifiedTime(file).toInstant());
                }
            }
        }
        return layer.build();
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 10 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + "… exited with "
                    + process.exitValue() + "; see " + log);
        }
    }

    /** Unmounts {@code mountPoint} if something is mounted there; nothing otherwise. */
    static void unmountQuietly(Path mountPoint) throws InterruptedException {
        try {
            new ProcessBuilder("umount", mountPoint.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            // no umount: nothing can have been mounted by this class either
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(from)) {
            sources = new ArrayList<>(files.toList());
        }
        for (Path source : sources) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Directories last, so their times survive the files written into them.
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                Files.setLastModifiedTime(to.resolve(from.relativize(source).toString()), Files.getLastModifiedTime(source));
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** {@code ContainerImage ROOTFS TAR REFERENCE}: the image of {@code target/quarkus-app}, from the repository root. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ContainerImage ROOTFS TAR REFERENCE   (from the repository root, after ./mvnw package)");
            System.exit(2);
        }
        Path repository = Path.of("").toAbsolutePath();
        Built built = build(repository.resolve("target/quarkus-app"), Path.of(args[0]), repository,
                repository.resolve("target/image-work"), Path.of(args[1]), args[2]);
        System.out.printf("image %s written to %s (training run %d s)%n", built.reference(), built.tar(),
                built.training().toSeconds());
    }
}
