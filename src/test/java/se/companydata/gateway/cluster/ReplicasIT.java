package se.companydata.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.companydata.gateway.RedisServer;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.bench.GatewayProcess;

/**
 * Two packaged gateways on one real Redis, in front of one simulated-producer process (the sandbox, keeping SCB's
 * quota of 10 calls per 10 s per customer as SCB does): they act as one deployment. One company asked of each makes
 * one call per producer endpoint; 1 000 simultaneous misses spread over both make one; a consumer's registered rate
 * holds across both; under load neither breaks the producer's quota (the sandbox refuses nothing); no identity number
 * is in any Redis key. Redis killed mid-load: every lookup answered, the quota still kept, readiness UP; Redis
 * started again: sharing resumes without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final int PRODUCERS_API = 18543;
    private static final int[] API = {18643, 18653};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMPANIES = TestRegister.ordinary("AB").stream().map(TestRegister::id).toList();

    private static RedisServer redis;
    private static GatewayProcess producers;
    private static final List<GatewayProcess> replicas = new ArrayList<>();
    private static HttpClient exempelby;
    private static int nextCompany;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        redis = RedisServer.start();
        Path keys = Files.createTempDirectory("replicas-it-keys");
        SecureRandom random = new SecureRandom();
        for (String key : List.of("hash-key", "encryption-key")) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            Files.writeString(keys.resolve(key), Base64.getEncoder().encodeToString(bytes));
        }
        CompletableFuture<GatewayProcess> producing = CompletableFuture.supplyAsync(() -> started("replicas-producers",
                PRODUCERS_API, List.of("gateway.sandbox.scb.quota.calls=10", "gateway.sandbox.scb.quota.period=10s")));
        List<CompletableFuture<GatewayProcess>> starting = new ArrayList<>();
        for (int i = 0; i < API.length; i++) {
            List<String> properties = new ArrayList<>(List.of("gateway.sandbox.enabled=false",
                    "quarkus.rest-client.bolagsverket.url=https://localhost:" + PRODUCERS_API + "/sandbox/bolagsverket",
                    "gateway.producers.bolagsverket.oauth2.token-url=https://localhost:" + PRODUCERS_API + "/sandbox/bolagsverket/oauth2/token",
                    "quarkus.rest-client.scb.url=https://localhost:" + PRODUCERS_API + "/sandbox/scb",
                    "quarkus.rest-client.skatteverket.url=https://localhost:" + PRODUCERS_API + "/sandbox/skatteverket",
                    "quarkus.rest-client.foretagsinformation.url=https://localhost:" + PRODUCERS_API + "/sandbox/bolagsverket/foretagsinformation/v4",
                    "gateway.quotas.scb.calls=10", "gateway.quotas.scb.period=10s",
                    "quarkus.redis.hosts=" + redis.url(), "gateway.cluster.replicas=2", "gateway.cluster.key-prefix=it",
                    // Three JVMs, Redis and 500 lookups at once per replica on two shared cores: a reply waited for its
                    // replica's busy event loop longer than 1 s (measured), which counts as Redis not answering and falls
                    // back to shares. Production's 250 ms assumes a replica that is not that far behind.
                    "gateway.cluster.probe-interval=200ms", "gateway.cluster.timeout=3s",
                    // Likewise the lookups: 500 at once per replica waited up to 1.2 s for their event loop before they began
                    // (a CI run, 2026-12-01), and 2 s then left too little for a 500 ms producer. Collapse is what is tested here.
                    "gateway.lookup.deadline=5s",
                    // And the lease of a load: renewed from the holder's event loop, which 500 lookups kept busy past 1 s; the
                    // lease then ended under a load still running and the other replica loaded too (two calls per endpoint).
                    "gateway.cache.shared.lease=3s",
                    "gateway.cache.shared.hash-key-file=" + keys.resolve("hash-key"),
                    "gateway.cache.shared.encryption-key-file=" + keys.resolve("encryption-key")));
            int api = API[i];
            String name = "replica-" + (char) ('a' + i);
            starting.add(CompletableFuture.supplyAsync(() -> started(name, api, properties)));
        }
        producers = producing.join();
        for (CompletableFuture<GatewayProcess> replica : starting) {
            replicas.add(replica.join());
        }
        exempelby = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TestPki.sslContext("consumer-exempelby"))
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    private static GatewayProcess started(String name, int api, List<String> properties) {
        try {
            return GatewayProcess.start(name, api, api + 1000, null, properties);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start; see target/bench/gateway-" + name + ".log", e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess replica : replicas) {
            replica.close();
        }
        if (producers != null) {
            producers.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void oneCompanyAskedOfEachReplicaIsOneCallPerProducerEndpoint() throws Exception {
        String company = company();
        Map<String, Long> before = calls();
        for (int replica = 0; replica < API.length; replica++) {
            assertThat(lookup(exempelby, replica, company, "SERVTILLSTBV").statusCode()).isEqualTo(200);
        }
        Map<String, Long> made = since(before);
        assertThat(made).as("producer calls for one company asked of both replicas")
                .containsKeys("bolagsverket", "scb-foretag", "scb-arbetsstallen", "skatteverket").allSatisfy((endpoint, n) ->
                        assertThat(n).as(endpoint).isEqualTo(1));
        assertThat(replicas.get(1).metric("gateway_cache_shared_total{outcome=\"hit\"")).as("the second replica's hits through Redis")
                .isGreaterThanOrEqualTo(4);
        List<String> keys = redis.keys();
        assertThat(keys).as("answers and SCB's quota window in Redis").anyMatch(key -> key.startsWith("it:answer:{"))
                .anyMatch(key -> key.startsWith("it:quota:{scb}:window"));
        assertThat(keys).as("no identity number, no digit at all, in any key").allMatch(key -> !key.matches(".*\\d.*"));
        for (String key : keys.stream().filter(k -> k.startsWith("it:answer:{") && k.endsWith("}")).toList()) {
            String value = redis.cli("GET", key).strip();
            assertThat(value).as("sealed").startsWith("v1.");
            assertThat(new String(Base64.getDecoder().decode(value.substring(3)), StandardCharsets.ISO_8859_1)).as("not readable")
                    .doesNotContain(company.replace("-", "")).doesNotContain("Organisationsnummer").doesNotContain("records");
        }
    }

    @Test
    @Order(2)
    void aThousandSimultaneousMissesOverBothReplicasAreOneCallPerEndpoint() throws Exception {
        String company = company();
        // Over HTTP/2, eight connections opened first (125 streams each, the server allows 250), and slow producers:
        // the thousand misses all arrive while the one load is under way, not after a thousand TLS handshakes.
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TestPki.sslContext("consumer-exempelby"))
                    .connectTimeout(Duration.ofSeconds(20)).build();
            assertThat(lookup(client, i % API.length, COMPANIES.get(0), "SERVTILLSTBV").version()).isEqualTo(HttpClient.Version.HTTP_2);
            clients.add(client);
        }
        for (String producer : List.of("bolagsverket", "scb", "skatteverket")) {
            producers.admin("PUT", "/sandbox/admin/producers/" + producer, "{\"latencyMs\":500}");
        }
        Map<String, Long> before = calls();
        try {
            List<CompletableFuture<HttpResponse<String>>> lookups = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                lookups.add(lookupAsync(clients.get(i % clients.size()), i % clients.size() % API.length, company, "SERVTILLSTBV"));
            }
            for (CompletableFuture<HttpResponse<String>> lookup : lookups) {
                HttpResponse<String> response = lookup.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).as("no item missing for want of a producer").doesNotContain("\"source\":\"Formedlare\"");
            }
        } finally {
            // Back to the dev profile's latencies (DELETE would also reset the sandbox's counts, which later tests read).
            for (Map.Entry<String, Integer> latency : Map.of("bolagsverket", 40, "scb", 60, "skatteverket", 80).entrySet()) {
                producers.admin("PUT", "/sandbox/admin/producers/" + latency.getKey(), "{\"latencyMs\":" + latency.getValue() + "}");
            }
        }
        assertThat(since(before)).as("producer calls for 1 000 lookups of one company over two replicas")
                .containsKeys("bolagsverket", "scb-foretag", "skatteverket").allSatisfy((endpoint, n) -> assertThat(n).as(endpoint).isEqualTo(1));
    }

    @Test
    @Order(3)
    void aConsumersRegisteredRateIsTheDeploymentsNotEachReplicas() throws Exception {
        // Testhamns kommun's LIVSMBV: the registry's default, 20 per second with a burst of 40.
        // Over HTTP/2, a connection to each replica opened first: 160 TLS handshakes at once would keep the event loops
        // busy past the Redis timeout on this two-core machine.
        HttpClient testhamn = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TestPki.sslContext("consumer-testhamn"))
                .connectTimeout(Duration.ofSeconds(20)).build();
        String company = company();
        for (int replica = 0; replica < API.length; replica++) {
            assertThat(lookup(testhamn, replica, company, "LIVSMBV").statusCode()).isEqualTo(200);
        }
        Thread.sleep(2500);   // the burst refilled
        double[] failures = {replicas.get(0).metric("gateway_cluster_redis_failures_total"), replicas.get(1).metric("gateway_cluster_redis_failures_total")};
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> lookups = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            lookups.add(lookupAsync(testhamn, i % API.length, company, "LIVSMBV"));
        }
        int admitted = 0;
        for (CompletableFuture<HttpResponse<String>> lookup : lookups) {
            int status = lookup.get(60, TimeUnit.SECONDS).statusCode();
            assertThat(status).isIn(200, 429);
            admitted += status == 200 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // A replica for which Redis stopped answering meanwhile went on with its own share at once (a burst of 20):
        // documented, and counted here if it happened, so that the bound is still what the gateway promises.
        int fellBack = 0;
        for (int i = 0; i < API.length; i++) {
            fellBack += replicas.get(i).metric("gateway_cluster_redis_failures_total") > failures[i] ? 1 : 0;
        }
        assertThat(admitted).as("admitted of 160 sent at once over two replicas in %.1f s (%d fell back)", seconds, fellBack)
                .isBetween(40, 40 + (int) Math.ceil(20 * seconds) + 1 + fellBack * 20);
    }

    @Test
    @Order(4)
    void underLoadOnBothReplicasTheProducersQuotaIsNeverExceeded() throws Exception {
        List<Integer> statuses = load(60, Duration.ofSeconds(3), () -> { });
        assertThat(statuses).as("every lookup answered").allMatch(status -> status == 200);
        Map<String, Long> scb = quotas().get("scb");
        assertThat(scb.get("refused")).as("SCB's 429s").isZero();
        assertThat(scb.get("mostInAnyWindow")).as("most SCB calls in any 10 s").isLessThanOrEqualTo(10);
    }

    @Test
    @Order(5)
    void redisKilledMidLoadCostsNoLookupAndBreaksNoQuotaAndItsReturnIsPickedUp() throws Exception {
        List<Integer> statuses = load(60, Duration.ofSeconds(3), () -> {
            try {
                redis.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(statuses).as("every lookup answered, Redis killed midway").hasSize(60).allMatch(status -> status == 200);
        for (GatewayProcess replica : replicas) {
            assertThat(replica.readiness()).as("readiness with Redis killed").isEqualTo(200);
            assertThat(replica.metric("gateway_cluster_redis_available")).isZero();
        }
        Map<String, Long> scb = quotas().get("scb");
        assertThat(scb.get("refused")).as("SCB's 429s with Redis killed").isZero();
        assertThat(scb.get("mostInAnyWindow")).isLessThanOrEqualTo(10);

        redis.restart();
        for (GatewayProcess replica : replicas) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (replica.metric("gateway_cluster_redis_available") != 1 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(replica.metric("gateway_cluster_redis_available")).as("Redis started again").isEqualTo(1);
        }
        String company = company();
        Map<String, Long> before = calls();
        for (int replica = 0; replica < API.length; replica++) {
            assertThat(lookup(exempelby, replica, company, "SERVTILLSTBV").statusCode()).isEqualTo(200);
        }
        assertThat(since(before)).as("after the restart, one company asked of both: shared again")
                .containsKeys("bolagsverket", "skatteverket").allSatisfy((endpoint, n) -> assertThat(n).as(endpoint).isEqualTo(1));
    }

    /** {@code lookups} of distinct companies spread evenly over both replicas in {@code over}; {@code midway} run half-way. */
    private static List<Integer> load(int lookups, Duration over, Runnable midway) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        long interval = over.toNanos() / lookups;
        long start = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            if (i == lookups / 2) {
                midway.run();
            }
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent.add(lookupAsync(exempelby, i % API.length, company(), "SERVTILLSTBV"));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> lookup : sent) {
            statuses.add(lookup.get(60, TimeUnit.SECONDS).statusCode());
        }
        return statuses;
    }

    private static String company() {
        return COMPANIES.get(nextCompany++ % COMPANIES.size());
    }

    private static HttpResponse<String> lookup(HttpClient client, int replica, String company, String service) throws Exception {
        return lookupAsync(client, replica, company, service).get(60, TimeUnit.SECONDS);
    }

    private static CompletableFuture<HttpResponse<String>> lookupAsync(HttpClient client, int replica, String company, String service) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + API[replica] + "/api/v1/lookup"))
                .header("Content-Type", "application/json").header("X-Service-Name", service).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + company + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> calls() throws Exception {
        return JSON.readValue(producers.admin("GET", "/sandbox/admin/calls", null), new TypeReference<Map<String, Long>>() { });
    }

    private static Map<String, Long> since(Map<String, Long> before) throws Exception {
        Map<String, Long> made = new HashMap<>();
        calls().forEach((endpoint, n) -> {
            long delta = n - before.getOrDefault(endpoint, 0L);
            if (delta > 0) {
                made.put(endpoint, delta);
            }
        });
        return made;
    }

    private static Map<String, Map<String, Long>> quotas() throws Exception {
        return JSON.readValue(producers.admin("GET", "/sandbox/admin/quotas", null), new TypeReference<Map<String, Map<String, Long>>>() { });
    }
}
