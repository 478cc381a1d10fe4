package se.companydata.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.companydata.gateway.TestPki;

/**
 * The packaged gateway started as a new operator would (prod profile, {@code java -jar}, in an empty
 * directory): one readable list of everything missing, each with what fixes it, and a non-zero exit
 * before Quarkus starts — never a stack trace. And the same check as a command.
 */
class StartupCheckIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Path PKI = TestPki.DIR.toAbsolutePath();

    @TempDir
    Path workDir;

    private record Run(int exit, String output) {
    }

    private Run start(List<String> properties, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("GATEWAY_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void anUnconfiguredStartListsEverythingMissingAndExits() throws Exception {
        Run run = start(List.of());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).startsWith("The gateway cannot start: 17 things are missing or wrong (profile prod")
                .contains("API server certificate: /etc/gateway/tls/tls.crt does not exist")
                .contains("Client CA bundle (consumers' certificates chain to it): /etc/gateway/client-ca/ca.crt does not exist")
                .contains("Outbound certificate (Bolagsverket, Skatteverket): /etc/gateway/outbound/tls.crt does not exist")
                .contains("SCB client certificate (issued by SCB): /etc/gateway/scb-client/tls.crt does not exist")
                .contains("Secret gateway-scb-client at /etc/gateway/scb-client")
                .contains("Note: Bolagsverket's Företagsinformation API is not configured")
                .contains("Server CA (Skatteverket): /etc/gateway/producer-ca/skatteverket.crt does not exist")
                .contains("GATEWAY_PRODUCERS_BOLAGSVERKET_OAUTH2_TOKEN_URL")
                .contains("GATEWAY_PRODUCERS_BOLAGSVERKET_OAUTH2_CLIENT_SECRET (in Kubernetes from Secret gateway-oauth")
                .contains("Consumer registry: /etc/gateway/registry/consumers.yaml does not exist")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Quarkus");
    }

    @Test
    void aHalfConfiguredStartListsOnlyWhatIsStillMissing() throws Exception {
        Path notADirectory = Files.writeString(workDir.resolve("a-file"), "not a directory");
        Path registry = Files.writeString(workDir.resolve("consumers.yaml"), "consumers:\n  - organisationsnummer: \"2120009010\"\n    services: []\n");
        Run run = start(List.of(
                "quarkus.tls.api.key-store.pem.0.cert=" + PKI.resolve("server.crt"), "quarkus.tls.api.key-store.pem.0.key=" + PKI.resolve("server.key"),
                "quarkus.tls.api.trust-store.pem.certs=" + PKI.resolve("ca.crt"),
                "quarkus.tls.scb.key-store.pem.0.cert=" + PKI.resolve("server.key"),
                "quarkus.rest-client.bolagsverket.url=https://bolagsverket.example", "gateway.producers.bolagsverket.oauth2.token-url=https://bolagsverket.example/token",
                "quarkus.rest-client.scb.url=https://scb.example", "quarkus.rest-client.skatteverket.url=https://skatteverket.example",
                "gateway.producers.bolagsverket.oauth2.client-id=kommun", "gateway.registry.file=" + registry,
                "gateway.audit.directory=" + notADirectory.resolve("audit")));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).startsWith("The gateway cannot start: 10 things are missing or wrong")
                .contains("Outbound certificate (Bolagsverket, Skatteverket): /etc/gateway/outbound/tls.crt does not exist")
                .contains("SCB client certificate (issued by SCB): " + PKI.resolve("server.key") + " is not a PEM certificate")
                .contains("Outbound private key (Bolagsverket, Skatteverket)")
                .contains("SCB client private key: /etc/gateway/scb-client/tls.key does not exist")
                .contains("Server CA (Bolagsverket)").contains("Server CA (SCB)").contains("Server CA (Skatteverket)")
                .contains("Bolagsverket OAuth2 client-secret: not set")
                .contains("Consumer registry: " + registry + " is invalid: consumers[0]: no services")
                .contains("Audit journal directory: " + notADirectory.resolve("audit") + " does not exist and " + notADirectory + " is not writable")
                .doesNotContain("API server").doesNotContain("Producer URL").doesNotContain("client-id:")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Timeout(120)
    void theAuditCommandIsASubCommandOfTheJarAndStartsNoGateway() throws Exception {
        Run usage = start(List.of(), "audit");
        assertThat(usage.exit()).as(usage.output()).isEqualTo(2);
        assertThat(usage.output()).contains("no command").contains("usage: java -jar quarkus-run.jar audit verify|register|report|retention");

        Files.createDirectories(workDir.resolve("empty-journal"));
        Run verify = start(List.of(), "audit", "verify", "--journal", workDir.resolve("empty-journal").toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("the command's own verdict, not the gateway starting").contains("OK: ").contains("0 records")
                .doesNotContain("Listening on").doesNotContain("\tat ");
    }

    @Test
    @Timeout(120)
    void theCheckAsACommandPassesWhenEverythingIsInPlace() throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "quarkus.tls.api.key-store.pem.0.cert=" + PKI.resolve("server.crt"), "quarkus.tls.api.key-store.pem.0.key=" + PKI.resolve("server.key"),
                "quarkus.tls.api.trust-store.pem.certs=" + PKI.resolve("ca.crt"),
                "quarkus.rest-client.bolagsverket.url=https://bolagsverket.example", "gateway.producers.bolagsverket.oauth2.token-url=https://bolagsverket.example/token",
                "quarkus.rest-client.scb.url=https://scb.example", "quarkus.rest-client.skatteverket.url=https://skatteverket.example",
                "gateway.producers.bolagsverket.oauth2.client-id=kommun", "gateway.producers.bolagsverket.oauth2.client-secret=secret",
                "gateway.registry.file=" + Path.of("src/main/resources/sandbox/consumers.yaml").toAbsolutePath(),
                "gateway.audit.directory=" + workDir.resolve("audit")));
        for (String producer : List.of("bolagsverket", "scb", "skatteverket")) {
            all.add("quarkus.tls." + producer + ".key-store.pem.0.cert=" + PKI.resolve("gateway.crt"));
            all.add("quarkus.tls." + producer + ".key-store.pem.0.key=" + PKI.resolve("gateway.key"));
            all.add("quarkus.tls." + producer + ".trust-store.pem.certs=" + PKI.resolve("ca.crt"));
        }
        Run run = start(all, "--check");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("are all in place");
        assertThat(Files.exists(workDir.resolve("audit"))).as("the check creates nothing").isFalse();

        // And what passes the check starts: the check asks for nothing the gateway does without (Formedlare is optional).
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.ssl-port=18943", "-Dquarkus.management.port=19943", "-Dgateway.priming.enabled=false"));
        all.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", JAR.toString()));
        Process gateway = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try (BufferedReader log = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
            String started = null;
            for (String line = log.readLine(); line != null && started == null; line = log.readLine()) {
                started = line.contains("\"message\":\"company-data-gateway") && line.contains("started in") ? line : null;
            }
            assertThat(started).as("the prod profile starts").isNotNull();
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }

        all.removeIf(p -> p.startsWith("gateway.producers.bolagsverket.oauth2.client-secret"));
        Run missing = start(all, "--check");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("1 thing is missing or wrong").contains("client-secret");
    }
}
