package se.companydata.gateway.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;

/**
 * Producer answers cached briefly per identity and source. The cache holds the future of a load
 * from its first request, so concurrent misses for one identity share one producer call. An answer
 * that reflects a failure leaves the cache as soon as it completes, so recovery shows at once.
 * A miss asks the replicas' shared cache ({@link SharedAnswers}) before the producer, when there is one. An answer
 * lives for its producer's time to live counted from when the producer gave it, so one read from another replica
 * is not kept longer than the one that fetched it keeps it.
 */
@ApplicationScoped
public class AnswerCache {

    /** One cached answer, and whether this request found it (here, in flight, or from another replica). */
    public record Lookup(CompletableFuture<SharedAnswers.Loaded> loaded, boolean foundHere) {
        /**
         * This caller's view of the shared load. A caller who leaves cancels its own copy only: cancelling
         * the shared future would fail every other caller collapsed onto it and throw the load away.
         */
        public Uni<ProducerAnswer> uni() {
            return Uni.createFrom().completionStage(loaded.copy()).map(SharedAnswers.Loaded::answer);
        }

        public CompletableFuture<ProducerAnswer> future() {
            return loaded.thenApply(SharedAnswers.Loaded::answer);
        }

        /** Found here, or loaded by another replica; read once the answer is in. */
        public boolean fromCache() {
            return foundHere || loaded.isDone() && !loaded.isCompletedExceptionally() && loaded.join().shared();
        }
    }

    record Key(CompanyId id, Source source) {
    }

    private final AsyncCache<Key, SharedAnswers.Loaded> cache;
    private final SharedAnswers shared;
    private final Map<Source, Duration> ttls = new EnumMap<>(Source.class);

    AnswerCache(GatewayConfig config, SharedAnswers shared, MeterRegistry metrics) {
        this.shared = shared;
        for (String producer : config.cache().producerTtl().keySet()) {
            if (Arrays.stream(Producer.values()).noneMatch(p -> p.name().toLowerCase(Locale.ROOT).equals(producer))) {
                throw new IllegalStateException("gateway.cache.producer-ttl." + producer + ": no such producer (bolagsverket, scb, skatteverket)");
            }
        }
        for (Source source : Source.values()) {
            ttls.put(source, config.cache().producerTtl().getOrDefault(source.producer().name().toLowerCase(Locale.ROOT),
                    config.cache().ttl()));
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cache().maxEntries())
                .expireAfter(new Expiry<Key, SharedAnswers.Loaded>() {
                    @Override
                    public long expireAfterCreate(Key key, SharedAnswers.Loaded loaded, long now) {
                        return remainingNanos(key.source(), loaded.answer());
                    }

                    @Override
                    public long expireAfterUpdate(Key key, SharedAnswers.Loaded loaded, long now, long current) {
                        return remainingNanos(key.source(), loaded.answer());
                    }

                    @Override
                    public long expireAfterRead(Key key, SharedAnswers.Loaded loaded, long now, long current) {
                        return current;
                    }
                })
                // Maintenance is tiny; running it inline keeps it off the two-core machine's shared pool.
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(metrics, cache, "producer-answers");
    }

    /** A source's time to live: its producer's own, or the default. */
    Duration ttl(Source source) {
        return ttls.get(source);
    }

    private long remainingNanos(Source source, ProducerAnswer answer) {
        return Math.max(0, ttl(source).minus(Duration.between(answer.retrievedAt(), Instant.now())).toNanos());
    }

    public Lookup get(CompanyId id, Source source, Supplier<Uni<ProducerAnswer>> loader) {
        Key key = new Key(id, source);
        // Only an empty placeholder goes into the map under its lock. The producer call is built and started
        // after the lock is released: building it inside held the map's bin lock, and on a cold JVM another
        // event loop waited hundreds of milliseconds for it.
        CompletableFuture<SharedAnswers.Loaded> placeholder = new CompletableFuture<>();
        CompletableFuture<SharedAnswers.Loaded> future = cache.get(key, (k, executor) -> placeholder);
        if (future != placeholder) {
            return new Lookup(future, true);
        }
        // An answer that reflects a failure leaves the map before anyone sees it: a lookup that arrives the moment
        // after asks the producers again instead of being handed the same failure.
        try {
            shared.load(id, source, ttl(source), loader).subscribe().with(loaded -> {
                if (!loaded.answer().cacheable()) {
                    cache.asMap().remove(key, placeholder);
                }
                placeholder.complete(loaded);
            }, failure -> {
                cache.asMap().remove(key, placeholder);
                placeholder.completeExceptionally(failure);
            });
        } catch (RuntimeException e) {
            cache.asMap().remove(key, placeholder);
            placeholder.completeExceptionally(e);
        }
        return new Lookup(placeholder, false);
    }

    /** The completed answer cached here for an identity and source, if any (for operators and tests; never loads). */
    public Optional<ProducerAnswer> peek(CompanyId id, Source source) {
        CompletableFuture<SharedAnswers.Loaded> future = cache.getIfPresent(new Key(id, source));
        return future != null && future.isDone() && !future.isCompletedExceptionally()
                ? Optional.of(future.join().answer()) : Optional.empty();
    }

    /** Drops what is cached for an identity and source, here and in Redis (an answer that turned out to be about nobody). */
    public void forget(CompanyId id, Source source) {
        cache.synchronous().invalidate(new Key(id, source));
        shared.forget(id, source);
    }

    public long size() {
        return cache.synchronous().estimatedSize();
    }

    /** Empties this replica's cache (tests, operators); what other replicas shared through Redis stays until it expires. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }
}
