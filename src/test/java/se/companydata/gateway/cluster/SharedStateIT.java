package se.companydata.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.RedisServer;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;

/**
 * The packaged gateway with {@code quarkus.redis.hosts} set, against a real {@code redis-server}: its quotas and
 * rate limits go through Redis (its scripts run, the quota's keys appear, with no identity number in any key); Redis
 * killed, every lookup is still answered, readiness stays UP and the metric says so; Redis started again, the
 * gateway picks it up by itself.
 */
class SharedStateIT {

    private static final int API = 18743;
    private static final int MANAGEMENT = 19743;

    @Test
    void lookupsShareThroughRedisAndGoOnWithoutIt() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        try (RedisServer redis = RedisServer.start()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.profile=dev", "-Dquarkus.http.ssl-port=" + API, "-Dquarkus.management.port=" + MANAGEMENT,
                    "-Dgateway.diagnostics.port=" + (API + 2), "-Dgateway.demo.port=" + (API + 3),
                    "-Dgateway.audit.directory=target/shared-state-it-audit",
                    "-Dquarkus.redis.hosts=" + redis.url(), "-Dgateway.cluster.key-prefix=it", "-Dgateway.cluster.probe-interval=200ms",
                    "-jar", "target/quarkus-app/quarkus-run.jar"));
            Process gateway = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target/shared-state-it-gateway.log").toFile()).start();
            try {
                awaitReady();
                HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext("consumer-exempelby"))
                        .connectTimeout(Duration.ofSeconds(5)).build();
                List<String> companies = TestRegister.ordinary("AB").stream().limit(12).map(TestRegister::id).toList();
                long before = redis.scriptsRun();
                for (int i = 0; i < 4; i++) {
                    assertThat(lookup(client, companies.get(i))).as("lookup with Redis").isEqualTo(200);
                }
                // Each lookup's rate decision, and each SCB call's permit and answer, went through Redis. (A rate cell
                // lives one emission interval, 50 ms here: it is gone before it could be listed.)
                assertThat(redis.scriptsRun() - before).as("scripts Redis ran for 4 lookups").isGreaterThanOrEqualTo(4 + 4 * 2);
                List<String> keys = redis.keys();
                assertThat(keys).as("keys the gateway wrote").anyMatch(key -> key.startsWith("it:quota:{scb}:window"));
                for (String company : companies) {
                    assertThat(keys).as("no identity number in a key").noneMatch(key -> key.contains(company.replace("-", "")));
                }
                assertThat(keys).noneMatch(key -> key.contains("2120009010"));
                assertThat(metric("gateway_cluster_redis_available")).isEqualTo(1);

                redis.kill();
                for (int i = 4; i < 8; i++) {
                    assertThat(lookup(client, companies.get(i))).as("lookup with Redis killed").isEqualTo(200);
                }
                assertThat(metric("gateway_cluster_redis_available")).as("Redis killed").isEqualTo(0);
                assertThat(ready()).as("readiness with Redis killed").isEqualTo(200);

                redis.restart();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (metric("gateway_cluster_redis_available") != 1 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertThat(metric("gateway_cluster_redis_available")).as("Redis started again").isEqualTo(1);
                long restarted = redis.scriptsRun();
                assertThat(lookup(client, companies.get(8))).isEqualTo(200);
                assertThat(redis.scriptsRun()).as("scripts run again after the restart").isGreaterThan(restarted);
            } finally {
                gateway.destroy();
                if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    private static int lookup(HttpClient client, String company) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + API + "/api/v1/lookup"))
                .header("Content-Type", "application/json").header("X-Service-Name", "SERVTILLSTBV").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + company + "\",\"items\":[\"UD0001\",\"UD0002\"]}"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double metric(String name) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static int ready() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT + "/q/health/ready"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (ready() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not become ready; see target/shared-state-it-gateway.log");
    }
}
