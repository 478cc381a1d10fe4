package se.companydata.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.RedisServer;
import se.companydata.gateway.cluster.SharedState;
import se.companydata.gateway.domain.CallContext;

/**
 * A producer quota shared by replicas through a real Redis ({@code redis-server} on loopback): {@link ProducerQuota}s
 * each with its own Vert.x and Redis client, as pods have. Checked on every call's grant and
 * answer: at no moment do more calls hold a place in the window (from grant until a period after the answer) than
 * the quota allows, which is what keeps any window at the producer within it; and the same while Redis is killed
 * mid-load and started again.
 */
class SharedProducerQuotaTest {

    private static final int CALLS = 10;
    /** Permits kept for people: the load here is case systems', so at most CALLS - KEPT_FOR_PEOPLE of theirs count at once. */
    private static final int KEPT_FOR_PEOPLE = 3;
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofMillis(500);
    private static final Duration PROBE = Duration.ofMillis(200);

    /** Each replica its own Vert.x (its own event loop, as each pod has). */
    private final List<Vertx> vertxes = Collections.synchronizedList(new ArrayList<>());
    private RedisServer redis;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** One call at the producer: granted, answered (local nanos), and by which replica. */
    private record Call(String replica, long granted, long answered) {
    }

    @BeforeEach
    void startRedis() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        redis = RedisServer.start();
        // Mutiny's context propagation sets itself up on first use: once here, not by sixteen threads at once.
        Uni.createFrom().completionStage(CompletableFuture.completedFuture(1)).await().indefinitely();
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
        vertxes.forEach(vertx -> vertx.close().toCompletionStage().toCompletableFuture().join());
    }

    @Test
    void threeReplicasTogetherNeverHoldMoreThanTheQuota() throws Exception {
        ProducerQuota a = replica("a");
        ProducerQuota b = replica("b");
        ProducerQuota c = replica("c");
        load(List.of(a, b, c), List.of("a", "b", "c"), Duration.ofSeconds(4));

        assertWithinQuota();
        // Four periods of the 7 case systems may use: most of it was used, and fairly: each replica asked all the time.
        assertThat(calls.size()).as("calls made in 4 s").isBetween(20, 35);
        for (String replica : List.of("a", "b", "c")) {
            long made = calls.stream().filter(call -> call.replica().equals(replica)).count();
            assertThat(made).as("calls by replica " + replica + " (of " + calls.size() + ": "
                            + calls.stream().collect(Collectors.groupingBy(Call::replica, Collectors.counting())) + ")")
                    .isBetween(calls.size() * 2L / 10, calls.size() * 5L / 10);
        }
        assertThat(a.mode()).isEqualTo(ProducerQuota.Mode.SHARED);
        assertThat(redis.keys()).as("what the quota keeps in Redis").allMatch(key -> key.startsWith("test:quota:{scb}:"));
    }

    @Test
    void redisKilledMidLoadBreaksNoQuotaAndSharingResumesByItself() throws Exception {
        ProducerQuota a = replica("a");
        ProducerQuota b = replica("b");
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(1_500);
                redis.kill();
                Thread.sleep(2_500);
                redis.restart();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<ProducerQuota.Mode> modesDuringOutage = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(3_000);
                modesDuringOutage.add(a.mode());
                modesDuringOutage.add(b.mode());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        load(List.of(a, b), List.of("a", "b"), Duration.ofSeconds(7));
        outage.join();
        watch.join();

        assertWithinQuota();
        assertThat(modesDuringOutage).as("while Redis was down").containsOnly(ProducerQuota.Mode.FALLBACK);
        assertThat(a.mode()).as("replica a after Redis came back").isEqualTo(ProducerQuota.Mode.SHARED);
        assertThat(b.mode()).as("replica b after Redis came back").isEqualTo(ProducerQuota.Mode.SHARED);
        long lastSecond = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        assertThat(calls.stream().filter(c -> c.granted() > lastSecond).count()).as("calls in the last second, shared again")
                .isPositive();
    }

    @Test
    void aPermitNeverGivenBackCountsUntilAPeriodAfterItsLease() throws Exception {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        SharedQuotaWindow a = new SharedQuotaWindow(redis.replica(vertx, 2, PROBE), "scb", PERIOD, LEASE);
        SharedQuotaWindow b = new SharedQuotaWindow(redis.replica(vertx, 2, PROBE), "scb", PERIOD, LEASE);
        long granted = System.nanoTime();
        assertThat(a.acquire(1, "held").await().atMost(Duration.ofSeconds(5)).granted()).isTrue();
        // Replica a is gone, its call under way: the producer may have received it as late as the lease's end.
        Thread.sleep(LEASE.toMillis() + 200);
        SharedQuotaWindow.Snapshot refused = b.acquire(1, "other").await().atMost(Duration.ofSeconds(5));
        assertThat(refused.granted()).as("past the lease, still counted").isFalse();
        assertThat(refused.retryInNanos()).as("ask again when it ends, a period after the lease")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(900));
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(granted + LEASE.toNanos() + PERIOD.toNanos() - System.nanoTime()) + 50));
        assertThat(b.acquire(1, "other").await().atMost(Duration.ofSeconds(5)).granted()).as("a period after the lease").isTrue();
    }

    @Test
    void aMomentOfSlowRedisDoesNotStopSharing() throws Exception {
        ProducerQuota a = replica("a");
        ProducerQuota b = replica("b");
        List<ProducerQuota.Mode> modes = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1_000);
                CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 100; i++) {
                        modes.add(a.mode());
                        modes.add(b.mode());
                        sleep(10);
                    }
                });
                // Every operation meanwhile replies after the 250 ms timeout; the PING sent then is answered within its own.
                String answer = redis.cli("DEBUG", "SLEEP", "0.4");
                watch.join();
                return answer;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        load(List.of(a, b), List.of("a", "b"), Duration.ofSeconds(3));

        assertThat(slow.join()).contains("OK");
        assertWithinQuota();
        assertThat(modes).as("modes during and after the slow moment").isNotEmpty().containsOnly(ProducerQuota.Mode.SHARED);
        long lastSecond = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        assertThat(calls.stream().filter(c -> c.granted() > lastSecond).count()).as("calls in the last second").isPositive();
    }

    /**
     * At every grant, the calls then holding a place (granted, and not yet a period past their answer) are at most what
     * case systems may hold of the quota.
     */
    private void assertWithinQuota() {
        List<Call> all = List.copyOf(calls);
        // Redis keeps milliseconds: a place may end up to 2 ms before this JVM's clock says a period has passed.
        long period = PERIOD.toNanos() - TimeUnit.MILLISECONDS.toNanos(2);
        for (Call at : all) {
            long holding = all.stream().filter(c -> c.granted() <= at.granted() && at.granted() < c.answered() + period).count();
            assertThat(holding).as("case-system calls holding a place in the window when one was granted")
                    .isLessThanOrEqualTo(CALLS - KEPT_FOR_PEOPLE);
        }
    }

    /** Each replica keeps 8 calls waiting at a time, each answered 20 ms after its grant, for {@code duration}. */
    private void load(List<ProducerQuota> replicas, List<String> names, Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int r = 0; r < replicas.size(); r++) {
            ProducerQuota quota = replicas.get(r);
            String name = names.get(r);
            for (int w = 0; w < 8; w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < until) {
                        try {
                            ProducerQuota.Permit permit = quota.permit(new CallContext("tx", null, "consumer-" + name, false, null))
                                    .await().atMost(Duration.ofSeconds(30));
                            long granted = System.nanoTime();
                            Thread.sleep(20);
                            permit.release();
                            calls.add(new Call(name, granted, System.nanoTime()));
                        } catch (QuotaExhaustedException e) {
                            // Its items would say the quota is exhausted; the next lookup comes a little later.
                            sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProducerQuota replica(String name) {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        SharedState shared = redis.replica(vertx, 3, PROBE);
        return new ProducerQuota("scb", "SCB", CALLS, KEPT_FOR_PEOPLE, PERIOD, Duration.ofMillis(50), vertx, new SimpleMeterRegistry(),
                System::nanoTime, new SharedQuotaWindow(shared, "scb", PERIOD, LEASE), 3, LEASE, PROBE.multipliedBy(2));
    }
}
