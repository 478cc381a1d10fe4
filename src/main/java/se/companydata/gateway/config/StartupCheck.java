package se.companydata.gateway.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import se.companydata.gateway.security.RegistryFile;

/**
 * What a production start needs, checked before Quarkus starts: certificate and key files, trust
 * stores, producer URLs, the OAuth2 client, the registry file, the audit directory or database.
 * Everything missing or wrong is reported at once, each with the property, environment variable
 * or mounted path that fixes it — instead of the first failure as a stack trace. The sandbox
 * profiles bring all of it and are not checked.
 */
public final class StartupCheck {

    /** One thing missing or wrong, and how to fix it. */
    public record Problem(String what, String why, String fix) {
    }

    private final Function<String, Optional<String>> config;
    private final List<Problem> problems = new ArrayList<>();

    StartupCheck(Function<String, Optional<String>> config) {
        this.config = config;
    }

    /** The profile a plain {@code java -jar} start runs with. */
    public static String profile() {
        // Dev mode (./mvnw quarkus:dev) sets no profile property: the configuration it has already built names it.
        return Optional.ofNullable(System.getProperty("quarkus.profile")).or(() -> Optional.ofNullable(System.getenv("QUARKUS_PROFILE")))
                .or(StartupCheck::activeProfile).orElse("prod");
    }

    /** Dev mode runs the application in a class loader of its own, named for the mode, before any configuration exists. */
    private static Optional<String> activeProfile() {
        ClassLoader loader = StartupCheck.class.getClassLoader();
        String name = loader == null ? "" : String.valueOf(loader.getName());
        return name.contains("DEV") ? Optional.of("dev") : Optional.empty();
    }

    /**
     * The configuration as Quarkus will see it: system properties, environment, ./config/application.properties,
     * the files in {@code quarkus.config.locations}, the packaged file.
     */
    public static Function<String, Optional<String>> configuration(String profile) throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors().addDefaultSources();
        URL packaged = StartupCheck.class.getClassLoader().getResource("application.properties");
        if (packaged != null) {
            builder.withSources(new PropertiesConfigSource(packaged, 250));
        }
        Optional<String> locations = Optional.ofNullable(System.getProperty("quarkus.config.locations"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_CONFIG_LOCATIONS")));
        for (String location : locations.map(l -> l.split(",")).orElse(new String[0])) {
            Path file = Path.of(location.strip());
            if (Files.isReadable(file) && !Files.isDirectory(file)) {
                builder.withSources(new PropertiesConfigSource(file.toUri().toURL(), 255));
            }
        }
        Path local = Path.of("config", "application.properties");
        if (Files.isReadable(local)) {
            builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
        }
        SmallRyeConfig built = builder.build();
        return key -> built.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    /** Whether to check before starting ({@code gateway.startup-check.enabled}, default true): off for a configuration source the check cannot read. */
    public static boolean enabled(Function<String, Optional<String>> config) {
        return config.apply("gateway.startup-check.enabled").map(Boolean::parseBoolean).orElse(true);
    }

    public static List<Problem> problems(Function<String, Optional<String>> config) {
        StartupCheck check = new StartupCheck(config);
        check.run();
        return check.problems;
    }

    /** Optional parts of a deployment that are not set up, and what their absence means to consumers. */
    public static List<String> notes(Function<String, Optional<String>> config) {
        List<String> notes = new ArrayList<>();
        if (config.apply("quarkus.rest-client.foretagsinformation.url").isEmpty()) {
            notes.add("Bolagsverket's Företagsinformation API is not configured (quarkus.rest-client.foretagsinformation.url, "
                    + env("quarkus.rest-client.foretagsinformation.url") + "): fiscal year (UD0014), signatory rule (UD0045), officers "
                    + "(UD0047) and shares (UD0048) are answered with an error saying no source is configured.");
        }
        return notes;
    }

    /** Prints the list (or that all is well); returns whether all is well. */
    public static boolean report(List<Problem> problems, PrintStream out) {
        if (problems.isEmpty()) {
            out.println("Start-up check: certificates, trust stores, producers, OAuth2 client, registry and audit store are all in place.");
            return true;
        }
        out.println("The gateway cannot start: " + problems.size() + (problems.size() == 1 ? " thing is" : " things are")
                + " missing or wrong (profile " + profile() + "; docs/configuration.md and docs/deployment.md):");
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            out.printf(Locale.ROOT, "%2d. %s: %s%n    fix: %s%n", i + 1, p.what(), p.why(), p.fix());
        }
        out.println("Check again without starting: java -jar quarkus-run.jar --check");
        return false;
    }

    private void run() {
        tls("API server certificate", "API server private key", "Client CA bundle (consumers' certificates chain to it)", List.of("api"));
        // Bolagsverket and Skatteverket usually share the gateway's own certificate: a file missing for both is reported once.
        tls("Outbound certificate", "Outbound private key", "Server CA", List.of("bolagsverket", "skatteverket"));
        // SCB takes only the client certificate SCB issued to the customer, or, once SCB moves to them, an API key
        // instead; its server CA is needed either way.
        tls("SCB client certificate (issued by SCB)", "SCB client private key", "Server CA (SCB)", List.of("scb"),
                config.apply("gateway.producers.scb.api-key").isEmpty());
        revocationCrlFiles();
        boolean oauth2 = config.apply("gateway.producers.bolagsverket.oauth2.enabled").map(Boolean::parseBoolean).orElse(true);
        for (String key : ProducerEndpointsCheck.missing(config, oauth2)) {
            String endpoint = key.equals(ProducerEndpointsCheck.TOKEN_URL) ? "bolagsverket token endpoint"
                    : key.substring("quarkus.rest-client.".length(), key.length() - ".url".length());
            problems.add(new Problem("Producer URL (" + endpoint + ")", "not set",
                    "set " + key + " (" + env(key) + ") to the base URL in your agreement; in Kubernetes: deploy/overlays/production/application.properties"));
        }
        if (oauth2) {
            for (String part : List.of("client-id", "client-secret")) {
                String key = "gateway.producers.bolagsverket.oauth2." + part;
                if (config.apply(key).isEmpty()) {
                    problems.add(new Problem("Bolagsverket OAuth2 " + part, "not set",
                            "set " + env(key) + " (in Kubernetes from Secret gateway-oauth, key " + part + "), or " + key));
                }
            }
        }
        redis();
        registry();
        audit();
    }

    /** The replicas' Redis, when one is named: over TLS, its CA must be there; without a password, say so once. */
    private void redis() {
        Optional<String> hosts = config.apply("quarkus.redis.hosts");
        if (hosts.isEmpty()) {
            return;
        }
        Optional<String> tls = config.apply("quarkus.redis.tls-configuration-name");
        if (hosts.get().startsWith("rediss://") && tls.isPresent()) {
            check(new HashSet<>(), null, "quarkus.tls." + tls.get() + ".trust-store.pem.certs", "Redis server CA", Kind.CERTIFICATES,
                    "Secret gateway-redis-ca at /etc/gateway/redis-ca");
        }
        if (config.apply("quarkus.redis.password").isEmpty() && !hosts.get().matches("rediss?://[^@/]*:[^@/]*@.*")) {
            problems.add(new Problem("Redis password", "not set for " + hosts.get().replaceAll("//[^@/]*@", "//…@"),
                    "set QUARKUS_REDIS_PASSWORD (in Kubernetes from Secret gateway-redis, key password), or quarkus.redis.password"));
        }
        // Without both keys the replicas would not share answers, and each would spend its producers' quotas alone.
        Set<String> keys = new HashSet<>();
        check(keys, null, "gateway.cache.shared.hash-key-file", "Shared answers' hash key", Kind.SECRET_KEY,
                "Secret gateway-cache-keys at /etc/gateway/cache-keys");
        check(keys, null, "gateway.cache.shared.encryption-key-file", "Shared answers' encryption key", Kind.SECRET_KEY,
                "Secret gateway-cache-keys at /etc/gateway/cache-keys");
    }

    /** Key pair and trust store of the named TLS configurations; a path shared by several is checked once. */
    private void tls(String certificate, String key, String trust, List<String> names) {
        tls(certificate, key, trust, names, true);
    }

    /** {@code withKeyStore} false: only the trust store (a client that authenticates otherwise, e.g. with an API key). */
    private void tls(String certificate, String key, String trust, List<String> names, boolean withKeyStore) {
        Set<String> seen = new HashSet<>();
        for (String tls : names) {
            String prefix = "quarkus.tls." + tls + ".";
            String who = names.size() > 1 ? producerName(tls) : null;
            if (withKeyStore && config.apply(prefix + "key-store.p12.path").isPresent()) {
                check(seen, who, prefix + "key-store.p12.path", certificate.replace("certificate", "key store"), Kind.FILE, mountHint(tls));
            } else if (withKeyStore) {
                check(seen, who, prefix + "key-store.pem.0.cert", certificate, Kind.CERTIFICATES, mountHint(tls));
                check(seen, who, prefix + "key-store.pem.0.key", key, Kind.KEY, mountHint(tls));
            }
            if (config.apply(prefix + "trust-store.p12.path").isPresent()) {
                check(seen, who, prefix + "trust-store.p12.path", trust.replace("bundle", "trust store"), Kind.FILE, null);
            } else {
                check(seen, who, prefix + "trust-store.pem.certs", trust, Kind.CERTIFICATES,
                        tls.equals("api") ? "Secret gateway-client-ca at /etc/gateway/client-ca" : "Secret gateway-producer-ca at /etc/gateway/producer-ca");
            }
        }
    }

    private enum Kind { FILE, CERTIFICATES, KEY, SECRET_KEY }

    private void check(Set<String> seen, String who, String key, String what, Kind kind, String mount) {
        Optional<String> value = config.apply(key);
        String label = what + (who == null ? "" : " (" + who + ")");
        if (value.isEmpty()) {
            problems.add(new Problem(label, key + " is not set", "set " + key + " (" + env(key) + ")"));
            return;
        }
        if (!seen.add(value.get())) {
            // Reported (or found good) already: name this user of the same file in that problem too.
            for (int i = 0; i < problems.size(); i++) {
                Problem p = problems.get(i);
                if (p.why().startsWith(value.get() + " ") && who != null) {
                    problems.set(i, new Problem(p.what().replace(")", ", " + who + ")"), p.why(), p.fix() + ", " + key));
                }
            }
            return;
        }
        Path path = Path.of(value.get());
        if (!Files.isReadable(path)) {
            problems.add(new Problem(label, path + (Files.exists(path) ? " cannot be read" : " does not exist"),
                    (mount == null ? "" : "mount it (" + mount + "), or ") + "set to where it is: " + key + " (" + env(key) + ")"));
            return;
        }
        try {
            switch (kind) {
                case CERTIFICATES -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                            problems.add(new Problem(label, path + " holds no certificate", "put the PEM certificate(s) there"));
                        }
                    }
                }
                case KEY -> {
                    if (!Files.readString(path).contains("PRIVATE KEY-----")) {
                        problems.add(new Problem(label, path + " holds no PEM private key", "put the PEM private key there"));
                    }
                }
                case SECRET_KEY -> {
                    byte[] secret;
                    try {
                        secret = Base64.getMimeDecoder().decode(Files.readString(path, StandardCharsets.US_ASCII).trim());
                    } catch (IllegalArgumentException e) {
                        secret = new byte[0];
                    }
                    if (secret.length != 32) {
                        problems.add(new Problem(label, path + " holds no Base64 of 32 bytes", "openssl rand -base64 32 > that file (in the Secret)"));
                    }
                }
                case FILE -> { }
            }
        } catch (CertificateException | IOException e) {
            problems.add(new Problem(label, path + " is not a PEM certificate (" + e.getMessage() + ")", "put the PEM certificate(s) there"));
        }
    }

    /** The CRL files an operator mounts for revocation checking: each must be there and hold a CRL. */
    private void revocationCrlFiles() {
        String key = "gateway.revocation.crl-files";
        for (String file : config.apply(key).map(v -> v.split(",")).map(List::of).orElse(List.of())) {
            Path path = Path.of(file.strip());
            if (!Files.isReadable(path)) {
                problems.add(new Problem("Revocation CRL file", path + (Files.exists(path) ? " cannot be read" : " does not exist"),
                        "mount it, or take it out of " + key + " (" + env(key) + ")"));
                continue;
            }
            try (InputStream in = Files.newInputStream(path)) {
                if (CertificateFactory.getInstance("X.509").generateCRLs(in).isEmpty()) {
                    problems.add(new Problem("Revocation CRL file", path + " holds no CRL", "put the CA's CRL there (PEM or DER)"));
                }
            } catch (IOException | CRLException | CertificateException e) {
                problems.add(new Problem("Revocation CRL file", path + " is not a CRL (" + e.getMessage() + ")", "put the CA's CRL there (PEM or DER)"));
            }
        }
    }

    private void registry() {
        String key = "gateway.registry.file";
        Optional<String> file = config.apply(key);
        if (file.isEmpty()) {
            problems.add(new Problem("Consumer registry", "gateway.registry.file is not set", "set " + key + " (" + env(key) + ")"));
            return;
        }
        Path path = Path.of(file.get());
        if (!Files.isReadable(path)) {
            problems.add(new Problem("Consumer registry", path + " does not exist or cannot be read",
                    "mount the registry there (ConfigMap gateway-registry at /etc/gateway/registry), or set " + key + " (" + env(key) + ")"));
            return;
        }
        try {
            RegistryFile.parse(Files.readString(path));
        } catch (RegistryFile.InvalidRegistryException e) {
            problems.add(new Problem("Consumer registry", path + " is invalid: " + e.getMessage().replace("\n", "; "),
                    "correct the file (format: docs/security.md \"The consumer registry\")"));
        } catch (IOException e) {
            problems.add(new Problem("Consumer registry", path + " cannot be read: " + e.getMessage(), "check the mount and its permissions"));
        }
    }

    private void audit() {
        String store = config.apply("gateway.audit.store").orElse("journal").toLowerCase(Locale.ROOT);
        if (store.equals("postgresql")) {
            for (String key : List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password")) {
                if (config.apply(key).isEmpty()) {
                    problems.add(new Problem("Audit database", key + " is not set", "set " + env(key)
                            + (key.endsWith("password") ? " (in Kubernetes from Secret gateway-audit-db)" : "") + "; docs/audit.md \"The PostgreSQL store\""));
                }
            }
            if (!config.apply("quarkus.datasource.active").map(Boolean::parseBoolean).orElse(false)) {
                problems.add(new Problem("Audit database", "gateway.audit.store=postgresql, but quarkus.datasource.active is not true",
                        "set quarkus.datasource.active=true (QUARKUS_DATASOURCE_ACTIVE)"));
            }
            return;
        }
        if (!store.equals("journal")) {
            problems.add(new Problem("Audit store", "gateway.audit.store is '" + store + "'", "set it to journal or postgresql"));
            return;
        }
        String key = "gateway.audit.directory";
        Path directory = Path.of(config.apply(key).orElse("/var/lib/gateway/audit")).toAbsolutePath();
        // Checked, not created: the journal creates it at start where its parent is writable.
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            problems.add(new Problem("Audit journal directory", directory + (existing == directory ? " is not a writable directory"
                    : " does not exist and " + existing + " is not writable"),
                    "mount a writable volume there (the StatefulSet's volume 'audit'), or set " + key + " (" + env(key) + ")"));
        }
    }

    private static String mountHint(String tls) {
        return switch (tls) {
            case "api" -> "Secret gateway-server-tls at /etc/gateway/tls";
            case "scb" -> "Secret gateway-scb-client at /etc/gateway/scb-client: the .pfx SCB issued you, as PEM; docs/security.md \"Outbound: how the gateway proves itself to producers\"";
            default -> "Secret gateway-outbound-tls at /etc/gateway/outbound";
        };
    }

    private static String producerName(String tls) {
        return switch (tls) {
            case "bolagsverket" -> "Bolagsverket";
            case "scb" -> "SCB";
            case "skatteverket" -> "Skatteverket";
            default -> tls;
        };
    }

    /** The environment variable Quarkus reads for a key. */
    static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
