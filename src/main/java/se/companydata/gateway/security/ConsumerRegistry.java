package se.companydata.gateway.security;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The registered (organisationsnummer, tjänstenamn) pairs and their entitlements. Read at start-up
 * (a broken file stops the start), then re-read when its content changes; a broken new version is
 * rejected, logged loudly, and the last good one stays in force.
 */
@Startup
@ApplicationScoped
public class ConsumerRegistry {

    private static final Logger LOG = Logger.getLogger(ConsumerRegistry.class);

    /** One loaded version of the registry. */
    public record Version(Map<RegistryFile.Key, Entitlement> entitlements, String sha256, Instant loadedAt) {
    }

    private final Path file;
    private final Vertx vertx;
    private final AtomicReference<Version> current = new AtomicReference<>();
    private final long timer;

    ConsumerRegistry(RegistryConfig config, Vertx vertx) {
        this.file = Path.of(config.file());
        this.vertx = vertx;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            current.set(new Version(RegistryFile.parse(text), sha256(text), Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the consumer registry " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RegistryFile.InvalidRegistryException e) {
            throw new IllegalStateException("The consumer registry " + file.toAbsolutePath() + " is invalid:\n" + e.getMessage());
        }
        LOG.infof("Consumer registry %s: %d registered e-services", file, current.get().entitlements().size());
        this.timer = vertx.setPeriodic(config.reloadInterval().toMillis(), id -> vertx.executeBlocking(() -> {
            reload();
            return null;
        }, false));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }

    /** Re-reads the file if its content changed. Returns true if a new version took effect. */
    public boolean reload() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.errorf("CONSUMER REGISTRY NOT RELOADED: cannot read %s (%s); keeping the version loaded at %s",
                    file, e.getMessage(), current.get().loadedAt());
            return false;
        }
        String hash = sha256(text);
        Version old = current.get();
        if (hash.equals(old.sha256())) {
            return false;
        }
        try {
            current.set(new Version(RegistryFile.parse(text), hash, Instant.now()));
            LOG.infof("Consumer registry reloaded from %s: %d registered e-services (sha256 %s)", file,
                    current.get().entitlements().size(), hash.substring(0, 12));
            return true;
        } catch (RegistryFile.InvalidRegistryException e) {
            LOG.errorf("CONSUMER REGISTRY REJECTED: the new version of %s (sha256 %s) is invalid; keeping the version "
                    + "loaded at %s (sha256 %s). Problems:%n%s", file, hash.substring(0, 12), old.loadedAt(),
                    old.sha256().substring(0, 12), e.getMessage());
            return false;
        }
    }

    public Optional<Entitlement> entitlement(String organisationsnummer, String tjanstenamn) {
        return Optional.ofNullable(current.get().entitlements().get(new RegistryFile.Key(organisationsnummer, tjanstenamn)));
    }

    /** Whether the organisation has any registered e-service (it is told only about its own). */
    public boolean isRegistered(String organisationsnummer) {
        return current.get().entitlements().keySet().stream().anyMatch(k -> k.organisationsnummer().equals(organisationsnummer));
    }

    /** The organisation's own registered e-services (tjänstenamn), sorted. */
    public List<String> services(String organisationsnummer) {
        return current.get().entitlements().keySet().stream().filter(k -> k.organisationsnummer().equals(organisationsnummer))
                .map(RegistryFile.Key::tjanstenamn).sorted().toList();
    }

    public Version version() {
        return current.get();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
