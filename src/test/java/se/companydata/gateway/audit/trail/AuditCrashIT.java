package se.companydata.gateway.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.PostgresServer;
import se.companydata.gateway.TestFiles;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.JournalVerifier;
import se.companydata.gateway.audit.postgres.PostgresVerifier;

/**
 * The packaged gateway is killed hard (SIGKILL) in the middle of concurrent load: every answer a
 * client received must have its audit record in the surviving journal, or its committed row in
 * PostgreSQL, and the trail must verify.
 */
class AuditCrashIT {

    private static final Path JOURNAL = Path.of("target/audit-crash");
    private static final int API = 18443;
    private static final int MANAGEMENT = 19000;

    @Test
    void everyAcknowledgedAnswerSurvivesKillMinus9() throws Exception {
        TestFiles.deleteRecursively(JOURNAL);
        Set<String> acknowledged = killUnderLoad(List.of("-Dgateway.audit.directory=" + JOURNAL), "target/audit-crash-gateway.log");
        Set<String> recorded = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (Path file : JournalVerifier.journalFiles(JOURNAL)) {
            for (String line : Files.readAllLines(file)) {
                if (ChainLine.parse(line) != null) {
                    recorded.add(json.readTree(line).at("/record/transactionId").asText());
                }
            }
        }
        assertThat(recorded).as("every acknowledged answer has its record").containsAll(acknowledged);
        VerificationResult result = JournalVerifier.verify(JOURNAL);
        assertThat(result.ok()).as(result.message()).isTrue();
        System.out.printf("kill -9 under load: %d answers acknowledged, all among %d records in the journal; verifier: %s%n",
                acknowledged.size(), recorded.size(), result.message());
    }

    @Test
    void everyAcknowledgedAnswerHasItsCommittedRowAfterKillMinus9() throws Exception {
        PostgresServer server = PostgresServer.shared();
        server.createDatabase("audit_crash");
        List<String> store = server.gatewayConfig("audit_crash", "crash-pod-0").entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
        Set<String> acknowledged = killUnderLoad(store, "target/audit-crash-postgresql-gateway.log");
        Set<String> recorded = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Connection c = server.as(PostgresServer.WRITER, "audit_crash"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT line FROM audit_record")) {
            while (rows.next()) {
                recorded.add(json.readTree(rows.getString(1)).at("/record/transactionId").asText());
            }
        }
        assertThat(recorded).as("every acknowledged answer has its committed row").containsAll(acknowledged);
        VerificationResult result;
        try (Connection c = server.as(PostgresServer.WRITER, "audit_crash")) {
            result = PostgresVerifier.verify(c, Map.of());
        }
        assertThat(result.ok()).as(result.message()).isTrue();
        System.out.printf("kill -9 under load (PostgreSQL): %d answers acknowledged, all among %d committed rows; verifier: %s%n",
                acknowledged.size(), recorded.size(), result.message());
    }

    /** Starts the packaged gateway, loads it from 16 clients, kills it with SIGKILL; the transactions answered 200. */
    private static Set<String> killUnderLoad(List<String> storeArgs, String log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=dev", "-Dquarkus.http.ssl-port=" + API, "-Dquarkus.management.port=" + MANAGEMENT,
                "-Dgateway.sandbox.bolagsverket.latency=5ms", "-Dgateway.sandbox.scb.latency=5ms", "-Dgateway.sandbox.skatteverket.latency=5ms"));
        command.addAll(storeArgs);
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Path.of(log).toFile()).start();
        try {
            awaitReady();
            HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext("consumer-exempelby"))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<String> companies = TestRegister.ordinary("AB").stream().limit(60).map(TestRegister::id).toList();
            // A few lookups first, as a running service has had: a cold JVM's first seconds (JIT, TLS handshakes to each
            // producer) under 16 clients at once sometimes answered only the first request of each before the kill.
            for (int i = 0; i < 10; i++) {
                client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + API + "/api/v1/lookup"))
                        .header("Content-Type", "application/json").header("X-Service-Name", "SERVTILLSTBV")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + companies.get(59 - i) + "\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService load = Executors.newFixedThreadPool(16);
            for (int t = 0; t < 16; t++) {
                int thread = t;
                load.execute(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String tx = "crash-" + thread + "-" + n;
                        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + API + "/api/v1/lookup"))
                                .header("Content-Type", "application/json").header("X-Service-Name", "SERVTILLSTBV")
                                .header("X-Request-Id", tx).timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + companies.get((thread * 7 + n) % companies.size())
                                        + "\",\"items\":[\"UD0001\",\"UD0029\"]}")).build();
                        try {
                            if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                                acknowledged.add(tx);
                            }
                        } catch (IOException | InterruptedException refused) {
                            return;   // the gateway is gone
                        }
                    }
                });
            }
            Thread.sleep(4_000);
            gateway.destroyForcibly();   // SIGKILL: no shutdown hook, no flush
            assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

            assertThat(acknowledged).as("answers received before the kill").hasSizeGreaterThan(20);
            return new HashSet<>(acknowledged);
        } finally {
            gateway.destroyForcibly();
        }
    }

    private static void awaitReady() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                var ready = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not become ready; see target/audit-crash*-gateway.log");
    }

}
