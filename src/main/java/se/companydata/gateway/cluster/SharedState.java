package se.companydata.gateway.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import se.companydata.gateway.domain.RandomIds;

/**
 * The replicas' shared short-term memory: Redis, when {@code quarkus.redis.hosts} names one. Everything that uses
 * it has an in-process way for when it is not configured or does not answer, so Redis is never needed for a lookup
 * to succeed: a failed operation, or a slow one whose confirming PING is slow too, marks Redis unavailable (a metric
 * and one log line say so), and from then
 * on operations fail at once instead of each waiting for its timeout, until a probe every {@code probe-interval}
 * finds it answering again (picked up by itself, no restart).
 */
@ApplicationScoped
public class SharedState {

    private static final Logger LOG = Logger.getLogger(SharedState.class);

    private final ReactiveRedisDataSource redis;
    private final ClusterConfig config;
    private final Vertx vertx;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final AtomicLong probe = new AtomicLong(-1);
    /** This replica's name in shared state: new at each start (a restarted pod holds nothing of its earlier life). */
    private final String replica = RandomIds.uuid().substring(0, 8);
    private final Counter failures;
    private final MeterRegistry metrics;
    private final Map<String, Timer> roundTrips = new ConcurrentHashMap<>();
    /** The PING that decides whether late replies mean Redis is gone, while one is under way. */
    private final AtomicReference<Uni<Void>> confirming = new AtomicReference<>();

    @Inject
    SharedState(InjectableInstance<ReactiveRedisDataSource> redis, ClusterConfig config, Vertx vertx, MeterRegistry metrics) {
        // The extension deactivates its client when no host is configured: then the gateway runs in process alone.
        this(redis.listActive().stream().findFirst().orElse(null), config, vertx, metrics);
    }

    /** A replica's view of Redis ({@code redis} null: none configured), for a replica built outside CDI (tests). */
    public SharedState(ReactiveRedisDataSource redis, ClusterConfig config, Vertx vertx, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.failures = Counter.builder("gateway.cluster.redis.failures")
                .description("Redis operations that failed or took longer than gateway.cluster.timeout").register(metrics);
        Gauge.builder("gateway.cluster.redis.available", this, state -> state.configured() && state.available() ? 1 : 0)
                .description("1 while the replicas share quotas and limits through Redis, 0 while each keeps to its share")
                .register(metrics);
        if (this.redis != null) {
            LOG.infof("Quotas and rate limits are shared with the other replicas through Redis (%d replicas at most)", config.replicas());
        }
    }

    /** Whether a Redis is configured at all (else the replicas do not share, and each keeps to its share). */
    public boolean configured() {
        return redis != null;
    }

    /** Whether Redis answered the last operation (a configured Redis is taken to answer until it fails once). */
    public boolean available() {
        return redis != null && available.get();
    }

    /** This replica's name in what it writes to Redis. */
    public String replica() {
        return replica;
    }

    /** The most replicas there are: without shared state each spends 1/replicas of every quota and limit. */
    public int replicas() {
        return Math.max(1, config.replicas());
    }

    /** A key of this deployment's: the prefix, then the parts. Never put an identity number in one. */
    public String key(String... parts) {
        return config.keyPrefix() + ":" + String.join(":", parts);
    }

    /** A digest in letters only ({@code a}–{@code p}, its first 16 bytes): a key part in which no number can show. */
    public static String letters(byte[] digest) {
        StringBuilder text = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            text.append((char) ('a' + ((digest[i] >> 4) & 0xf))).append((char) ('a' + (digest[i] & 0xf)));
        }
        return text.toString();
    }

    /**
     * Runs a Lua script atomically in Redis. Fails at once while Redis is unavailable, and after
     * {@code timeout} when it does not answer in time (which makes it unavailable, unless a PING right after is answered
     * in time: then only this operation is lost). Each round trip, as this replica
     * saw it (its own event loop's delay included), goes into {@code gateway_cluster_redis_seconds{operation}}.
     */
    public Uni<Response> script(Script script, List<String> keys, List<String> args) {
        if (redis == null) {
            return Uni.createFrom().failure(new IllegalStateException("no Redis is configured"));
        }
        if (!available.get()) {
            return Uni.createFrom().failure(new IllegalStateException("Redis is not answering"));
        }
        Timer roundTrip = roundTrips.computeIfAbsent(script.name(), name -> Timer.builder("gateway.cluster.redis")
                .description("Round trips of the scripts the replicas run in Redis, as this replica saw them")
                .tag("operation", name).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(2)).register(metrics));
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return redis.execute("EVALSHA", command(script.sha1(), keys, args))
                    // Redis started empty (restarted, failed over): the source once, and it knows the script again.
                    .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                    .recoverWithUni(() -> redis.execute("EVAL", command(script.lua(), keys, args)))
                    .ifNoItem().after(config.timeout()).failWith(() -> new LateReply(config.timeout()))
                    .onTermination().invoke(() -> roundTrip.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        }).onFailure().call(this::failed);
    }

    /** A reply later than {@code gateway.cluster.timeout}: Redis may be gone, or only this replica's event loop late. */
    private static final class LateReply extends IllegalStateException {
        LateReply(Duration timeout) {
            super("Redis did not answer within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * An operation failed (its caller gets the failure either way). A late reply is confirmed with a PING before Redis is
     * taken to be gone: a replica whose own event loop was busy sees every reply late, and its fallback (no grant of a
     * quota for a lease and a period) costs far more than asking once more. Completes only once that is decided.
     */
    private Uni<Void> failed(Throwable failure) {
        failures.increment();
        if (!(failure instanceof LateReply) || !available.get()) {
            unavailable(failure);
            return Uni.createFrom().voidItem();
        }
        // Many operations late at once (a stalled event loop) share one PING: it is sent when the loop is busiest.
        Uni<Void> running = confirming.get();
        if (running != null) {
            return running;
        }
        Uni<Void> confirmation = ping(config.timeout())
                .onItemOrFailure().invoke((pong, unanswered) -> {
                    if (unanswered != null) {
                        unavailable(failure);
                    } else {
                        LOG.debugf("A Redis reply came later than %d ms, but Redis answers: still shared", config.timeout().toMillis());
                    }
                })
                .replaceWithVoid().onFailure().recoverWithNull()
                .onTermination().invoke(() -> confirming.set(null))
                .memoize().indefinitely();
        return confirming.compareAndSet(null, confirmation) ? confirmation : Objects.requireNonNullElse(confirming.get(), confirmation);
    }

    private Uni<Response> ping(Duration within) {
        return redis.execute("PING").ifNoItem().after(within).fail();
    }

    private static String[] command(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    /**
     * Opens the connection and asks once, so the first quota or rate decision does not pay for the connection (at start,
     * before readiness). A Redis that does not answer is unavailable from then, as for any operation.
     */
    public Uni<Void> warm() {
        if (redis == null) {
            return Uni.createFrom().voidItem();
        }
        return ping(config.timeout().multipliedBy(8))
                .onFailure().invoke(failure -> {
                    failures.increment();
                    unavailable(failure);
                }).replaceWithVoid();
    }

    void warmAtStart(@Observes StartupEvent event) {
        warm().subscribe().with(ok -> { }, failure -> { });
    }

    private void unavailable(Throwable why) {
        if (available.compareAndSet(true, false)) {
            LOG.warnf("Redis is not answering (%s): each replica keeps to its share (1/%d) of every producer quota and "
                    + "consumer rate limit, and lookups are not shared, until it answers again",
                    why.getMessage() != null ? why.getMessage() : why.getClass().getSimpleName(), replicas());
            scheduleProbe();
        }
    }

    private void scheduleProbe() {
        probe.set(vertx.setTimer(Math.max(1, config.probeInterval().toMillis()), id -> ping(config.timeout())
                .subscribe().with(pong -> {
                    probe.set(-1);
                    if (available.compareAndSet(false, true)) {
                        LOG.info("Redis answers again: quotas, rate limits and answers are shared with the other replicas again");
                    }
                }, failure -> scheduleProbe())));
    }

    void stop(@Observes ShutdownEvent event) {
        long timer = probe.getAndSet(-1);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
