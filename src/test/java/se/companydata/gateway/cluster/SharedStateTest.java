package se.companydata.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.RedisServer;

/** Scripts run by their SHA-1 on a real Redis, which may have forgotten them, and each round trip measured by name. */
class SharedStateTest {

    private static final Script INCREMENT = Script.of("test-increment", "return redis.call('INCR', KEYS[1])");

    private static RedisServer redis;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        redis = RedisServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aScriptRedisForgotIsSentOnceMoreAndRunsWithoutCountingAsRedisNotAnswering() throws Exception {
        MeterRegistry metrics = new SimpleMeterRegistry();
        SharedState state = redis.replica(vertx, 2, Duration.ofSeconds(1), metrics);
        String key = state.key("counter", "{evalsha}");
        redis.cli("SCRIPT", "FLUSH");
        redis.cli("CONFIG", "RESETSTAT");

        assertThat(run(state, key)).isEqualTo(1);
        assertThat(redis.cli("INFO", "commandstats")).as("the first run sent the source once").contains("cmdstat_eval:calls=1,");
        assertThat(run(state, key)).isEqualTo(2);
        assertThat(redis.cli("INFO", "commandstats")).as("then by its SHA-1 alone").contains("cmdstat_eval:calls=1,")
                .contains("cmdstat_evalsha:calls=2,");

        redis.cli("SCRIPT", "FLUSH");   // as after a restart or a fail-over: Redis knows no script
        assertThat(run(state, key)).isEqualTo(3);
        assertThat(redis.cli("INFO", "commandstats")).contains("cmdstat_eval:calls=2,");
        assertThat(state.available()).isTrue();
        assertThat(metrics.get("gateway.cluster.redis.failures").counter().count()).isZero();
        assertThat(metrics.get("gateway.cluster.redis").tag("operation", "test-increment").timer().count())
                .as("each round trip measured under its script's name").isEqualTo(3);
    }

    @Test
    void aScriptThatFailsInRedisMakesRedisUnavailableAndIsMeasuredToo() {
        MeterRegistry metrics = new SimpleMeterRegistry();
        SharedState state = redis.replica(vertx, 2, Duration.ofMinutes(1), metrics);
        Script broken = Script.of("test-broken", "return redis.call('NOSUCHCOMMAND')");

        Throwable failure = state.script(broken, List.of(state.key("x")), List.of()).onItem().<Throwable>transform(ok -> null)
                .onFailure().recoverWithItem(f -> f).await().atMost(Duration.ofSeconds(5));
        assertThat(failure).isNotNull();
        assertThat(state.available()).isFalse();
        assertThat(metrics.get("gateway.cluster.redis.failures").counter().count()).isEqualTo(1);
        assertThat(metrics.get("gateway.cluster.redis").tag("operation", "test-broken").timer().count()).isEqualTo(1);
    }

    @Test
    void aLateReplyIsAnOutageOnlyWhenAPingRightAfterIsLateToo() throws Exception {
        MeterRegistry metrics = new SimpleMeterRegistry();
        SharedState state = redis.replica(vertx, 2, Duration.ofMinutes(1), metrics);
        String key = state.key("counter", "{late}");
        run(state, key);

        // Redis busy for 400 ms: the script's reply comes after the 250 ms timeout, the PING sent then within its own.
        assertThat(lateRun(state, key, 0.4)).as("the late operation itself fails").isNotNull();
        assertThat(state.available()).as("Redis answered the PING: still shared").isTrue();
        assertThat(metrics.get("gateway.cluster.redis.failures").counter().count()).isEqualTo(1);

        // Busy for 1.2 s: the PING is late too.
        assertThat(lateRun(state, key, 1.2)).isNotNull();
        assertThat(state.available()).as("Redis did not answer the PING in time either").isFalse();
    }

    @Test
    void manyLateRepliesAtOnceShareOnePing() throws Exception {
        SharedState state = redis.replica(vertx, 2, Duration.ofMinutes(1), new SimpleMeterRegistry());
        String key = state.key("counter", "{many}");
        run(state, key);
        redis.cli("CONFIG", "RESETSTAT");
        CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                return redis.cli("DEBUG", "SLEEP", "0.4");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        List<CompletableFuture<Response>> late = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            late.add(state.script(INCREMENT, List.of(key), List.of()).subscribeAsCompletionStage());
        }
        for (CompletableFuture<Response> one : late) {
            assertThat(one).failsWithin(Duration.ofSeconds(5));
        }
        assertThat(sleeping.get(5, TimeUnit.SECONDS)).contains("OK");
        assertThat(state.available()).isTrue();
        assertThat(redis.cli("INFO", "commandstats")).as("20 late replies, one PING to confirm them").contains("cmdstat_ping:calls=1,");
    }

    /** Runs the script while Redis sleeps for {@code seconds} (DEBUG SLEEP); the failure it ended with, or null. */
    private static Throwable lateRun(SharedState state, String key, double seconds) throws Exception {
        CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                return redis.cli("DEBUG", "SLEEP", Double.toString(seconds));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);   // redis-cli connected and Redis asleep
        Throwable failure = state.script(INCREMENT, List.of(key), List.of()).onItem().<Throwable>transform(ok -> null)
                .onFailure().recoverWithItem(f -> f).await().atMost(Duration.ofSeconds(5));
        assertThat(sleeping.get(5, TimeUnit.SECONDS)).contains("OK");
        return failure;
    }

    private static long run(SharedState state, String key) {
        return state.script(INCREMENT, List.of(key), List.of()).await().atMost(Duration.ofSeconds(5)).toLong();
    }
}
