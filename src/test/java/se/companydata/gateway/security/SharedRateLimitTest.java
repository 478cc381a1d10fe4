package se.companydata.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.RedisServer;

/**
 * A consumer's registered rate is the deployment's: two replicas' limiters on one real Redis admit together what
 * one would, and while Redis does not answer each keeps to its share (the limit over the replica count).
 */
class SharedRateLimitTest {

    /** 20 requests per second, a burst of 40, for e-service SERVTILLSTBV of Exempelby kommun. */
    private static final Entitlement EXEMPELBY = new Entitlement("2120009010", "Exempelby kommun", "SERVTILLSTBV", Set.of(), Set.of(),
            new Entitlement.RateLimit(20, 40), false);

    private final Vertx vertx = Vertx.vertx();
    private RedisServer redis;

    @BeforeEach
    void startRedis() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aBurstSpreadOverTwoReplicasGetsTheRegisteredBurstOnce() throws Exception {
        RateLimiter a = replica();
        RateLimiter b = replica();
        long started = System.nanoTime();
        int admitted = admitted(List.of(a, b), 160);
        double seconds = (System.nanoTime() - started) / 1e9;
        // One burst of 40 for the deployment, plus what 20/s adds while the 160 are decided.
        assertThat(admitted).as("admitted of 160 sent at once to two replicas").isBetween(40, 40 + (int) Math.ceil(20 * seconds) + 1);
        assertThat(redis.keys()).as("no organisationsnummer in a key").noneMatch(key -> key.contains("2120009010"))
                .allMatch(key -> key.startsWith("test:rate:{"));
    }

    @Test
    void withoutRedisEachReplicaKeepsToItsShare() throws Exception {
        RateLimiter a = replica();
        RateLimiter b = replica();
        redis.kill();
        long started = System.nanoTime();
        int admitted = admitted(List.of(a, b), 160);
        double seconds = (System.nanoTime() - started) / 1e9;
        // Each replica's share, 10/s and a burst of 20: together the deployment's, never each replica the whole.
        assertThat(admitted).as("admitted of 160 with Redis down").isBetween(40, 40 + (int) Math.ceil(20 * seconds) + 1);
    }

    private static int admitted(List<RateLimiter> replicas, int requests) {
        List<Uni<Long>> decisions = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            decisions.add(replicas.get(i % replicas.size()).acquire(EXEMPELBY));
        }
        List<Long> waits = Uni.join().all(decisions).andFailFast().await().atMost(Duration.ofSeconds(30));
        return (int) waits.stream().filter(wait -> wait == 0).count();
    }

    private RateLimiter replica() {
        return new RateLimiter(redis.replica(vertx, 2, Duration.ofSeconds(1)));
    }
}
