package se.companydata.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import se.companydata.gateway.cluster.Script;
import se.companydata.gateway.cluster.SharedState;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.RandomIds;
import se.companydata.gateway.domain.Source;

/**
 * The replicas' answer cache in Redis, behind each replica's own: an answer one replica fetched serves the others for
 * the rest of its time to live, and misses for one company on several replicas make one producer call. The first
 * replica to miss takes a lease on the load (renewed while it loads); the others ask again every poll interval until
 * the answer is there, the lease is gone (its holder failed, died or got an answer that is not shared: then one of
 * them loads), or the lookup deadline has passed (then each loads its own).
 * <p>
 * What is never written: an answer that reflects a failure or that the producer does not know the identity, and
 * anything about a sole trader (a person: their addresses, and Skatteverket's marking of protected personal data,
 * stay in the asking replica's memory). Redis not answering never fails a lookup: the replica loads on its own.
 */
@ApplicationScoped
public class SharedAnswers {

    private static final Logger LOG = Logger.getLogger(SharedAnswers.class);

    /** An answer, and whether it came from another replica (through Redis). */
    record Loaded(ProducerAnswer answer, boolean shared) {
    }

    /** The answer if there is one; else a lease to load it, if nobody holds one; else "wait". */
    private static final Script FETCH = Script.of("answer-fetch", """
            local sealed = redis.call('GET', KEYS[1])
            if sealed then return {1, sealed} end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
            return {3}
            """);

    /** The loaded answer (if it is to be shared), and the lease given back if it is still this load's. */
    private static final Script STORE = Script.of("answer-store", """
            if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
            return 1
            """);

    /** The lease kept while its load runs. */
    private static final Script RENEW = Script.of("answer-renew", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """);

    private static final Script FORGET = Script.of("answer-forget", "return redis.call('DEL', KEYS[1])");

    private final SharedState state;
    private final AnswerSeal seal;
    private final Vertx vertx;
    private final Duration lease;
    private final Duration poll;
    private final Duration deadline;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    enum Outcome {
        /** Another replica's answer, read from Redis. */
        HIT,
        /** This replica held the lease and asked the producer. */
        LOADED,
        /** Not for sharing (a sole trader), or no Redis configured with its keys: asked alone. */
        UNSHARED,
        /** Redis did not answer, or its entry could not be opened: asked alone. */
        UNAVAILABLE,
        /** Waited for another replica's load until the lookup deadline: asked alone. */
        WAITED_TOO_LONG
    }

    @Inject
    SharedAnswers(SharedState state, GatewayConfig config, ObjectMapper mapper, Vertx vertx, MeterRegistry metrics) {
        this(state, seal(state, config.cache().shared(), mapper), vertx, config.cache().shared().lease(),
                config.cache().shared().pollInterval(), config.lookup().deadline(), metrics);
    }

    /** A replica's shared cache ({@code seal} null: answers not shared), for a replica built outside CDI (tests). */
    SharedAnswers(SharedState state, AnswerSeal seal, Vertx vertx, Duration lease, Duration poll, Duration deadline,
                  MeterRegistry metrics) {
        this.state = state;
        this.seal = seal;
        this.vertx = vertx;
        this.lease = lease;
        this.poll = poll;
        this.deadline = deadline;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("gateway.cache.shared").tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Answer cache misses of this replica, by what the shared cache made of them").register(metrics));
        }
    }

    private static AnswerSeal seal(SharedState state, GatewayConfig.Cache.Shared settings, ObjectMapper mapper) {
        if (!state.configured()) {
            return null;
        }
        if (settings.hashKeyFile().isEmpty() || settings.encryptionKeyFile().isEmpty()) {
            LOG.warn("Producer answers are not shared with the other replicas: gateway.cache.shared.hash-key-file and "
                    + "encryption-key-file are not both set (each replica caches and collapses its own)");
            return null;
        }
        LOG.info("Producer answers are shared with the other replicas through Redis (named by keyed hash, sealed with AES-GCM)");
        return AnswerSeal.fromFiles(settings.hashKeyFile().get(), settings.encryptionKeyFile().get(), mapper);
    }

    /** Whether answers are shared at all (Redis configured with the keys). */
    boolean active() {
        return seal != null;
    }

    /** The answer from Redis, or loaded by this replica (and shared if it may be) or by another one. */
    Uni<Loaded> load(CompanyId id, Source source, Duration ttl, Supplier<Uni<ProducerAnswer>> loader) {
        if (seal == null || id.type().isSoleTrader()) {
            return alone(loader, Outcome.UNSHARED);
        }
        String name = seal.name(id, source);
        List<String> keys = List.of(state.key("answer", "{" + name + "}"), state.key("answer", "{" + name + "}", "lease"));
        String holder = state.replica() + "-" + RandomIds.uuid().substring(0, 8);
        return attempt(keys, holder, ttl, loader, System.nanoTime() + deadline.toNanos());
    }

    /** Drops what Redis holds for an identity and source (an answer that turned out to be about nobody). */
    void forget(CompanyId id, Source source) {
        if (seal != null && !id.type().isSoleTrader() && state.available()) {
            String name = seal.name(id, source);
            state.script(FORGET, List.of(state.key("answer", "{" + name + "}")), List.of())
                    .subscribe().with(ok -> { }, failure -> { });
        }
    }

    private Uni<Loaded> attempt(List<String> keys, String holder, Duration ttl, Supplier<Uni<ProducerAnswer>> loader, long giveUpAt) {
        if (!state.available()) {
            return alone(loader, Outcome.UNAVAILABLE);
        }
        return state.script(FETCH, keys, List.of(holder, Long.toString(lease.toMillis())))
                .onItemOrFailure().transformToUni((reply, failure) -> {
                    if (failure != null) {
                        return alone(loader, Outcome.UNAVAILABLE);
                    }
                    return switch (reply.get(0).toInteger()) {
                        case 1 -> opened(reply, keys.get(0), loader);
                        case 2 -> loadAndShare(keys, holder, ttl, loader);
                        default -> System.nanoTime() - giveUpAt > 0 ? alone(loader, Outcome.WAITED_TOO_LONG)
                                : later().onItem().transformToUni(nothing -> attempt(keys, holder, ttl, loader, giveUpAt));
                    };
                });
    }

    private Uni<Loaded> opened(Response reply, String key, Supplier<Uni<ProducerAnswer>> loader) {
        try {
            ProducerAnswer answer = seal.open(reply.get(1).toString(), key);
            outcomes.get(Outcome.HIT).increment();
            return Uni.createFrom().item(new Loaded(answer, true));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Sealed with another key (rotated), or not ours: asked again, and the next load replaces it.
            LOG.debugf("A shared answer could not be opened (%s)", e.getMessage());
            return alone(loader, Outcome.UNAVAILABLE);
        }
    }

    private Uni<Loaded> loadAndShare(List<String> keys, String holder, Duration ttl, Supplier<Uni<ProducerAnswer>> loader) {
        outcomes.get(Outcome.LOADED).increment();
        long renewal = vertx.setPeriodic(Math.max(1, lease.toMillis() / 3), timer -> state.script(RENEW, keys.subList(1, 2),
                List.of(holder, Long.toString(lease.toMillis()))).subscribe().with(ok -> { }, failure -> { }));
        return Uni.createFrom().deferred(loader::get).onTermination().invoke(() -> vertx.cancelTimer(renewal))
                .onItemOrFailure().invoke((answer, failure) -> {
                    long remaining = answer == null ? 0 : remainingMillis(answer, ttl);
                    String sealed = remaining > 0 && shareable(answer) ? sealed(answer, keys.get(0)) : "";
                    // Not waited for: the caller has its answer; the others find it (or the lease gone) when they ask next.
                    state.script(STORE, keys, List.of(holder, sealed, Long.toString(remaining)))
                            .subscribe().with(ok -> { }, storeFailure -> { });
                })
                .map(answer -> new Loaded(answer, false));
    }

    /** The answer sealed for Redis, or nothing (shared or not, the caller gets its answer). */
    private String sealed(ProducerAnswer answer, String key) {
        try {
            return seal.seal(answer, key);
        } catch (RuntimeException e) {
            LOG.warnf("An answer could not be sealed for the other replicas (%s)", e.getMessage());
            return "";
        }
    }

    /** What other replicas may be handed: an answer that reflects no failure and nothing protected. */
    private static boolean shareable(ProducerAnswer answer) {
        return answer.cacheable() && !answer.protectedIdentity() && answer.outcome() == ProducerAnswer.Outcome.FOUND;
    }

    private static long remainingMillis(ProducerAnswer answer, Duration ttl) {
        return ttl.minus(Duration.between(answer.retrievedAt(), Instant.now())).toMillis();
    }

    private Uni<Loaded> alone(Supplier<Uni<ProducerAnswer>> loader, Outcome why) {
        outcomes.get(why).increment();
        return Uni.createFrom().deferred(loader::get).map(answer -> new Loaded(answer, false));
    }

    private Uni<Void> later() {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, poll.toMillis()), timer -> emitter.complete(null)));
    }
}
