package se.companydata.gateway.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;

/**
 * Producer answers cached briefly per identity and source. The cache holds the future of a load
 * from its first request, so concurrent misses for one identity share one producer call. An answer
 * that reflects a failure leaves the cache as soon as it completes, so recovery shows at once.
 */
@ApplicationScoped
public class AnswerCache {

    /** One cached answer, and whether this request found it (in the cache or in flight) rather than loading it. */
    public record Lookup(CompletableFuture<ProducerAnswer> future, boolean fromCache) {
        /**
         * This caller's view of the shared load. A caller who leaves cancels its own copy only: cancelling
         * the shared future would fail every other caller collapsed onto it and throw the load away.
         */
        public Uni<ProducerAnswer> uni() {
            return Uni.createFrom().completionStage(future.copy());
        }
    }

    record Key(CompanyId id, Source source) {
    }

    private final AsyncCache<Key, ProducerAnswer> cache;

    AnswerCache(GatewayConfig config, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cache().maxEntries())
                .expireAfterWrite(config.cache().ttl())
                // Maintenance is tiny; running it inline keeps it off the two-core machine's shared pool.
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(metrics, cache, "producer-answers");
    }

    public Lookup get(CompanyId id, Source source, Supplier<Uni<ProducerAnswer>> loader) {
        Key key = new Key(id, source);
        // Only an empty placeholder goes into the map under its lock. The producer call is built and started
        // after the lock is released: building it inside held the map's bin lock, and on a cold JVM another
        // event loop waited hundreds of milliseconds for it.
        CompletableFuture<ProducerAnswer> placeholder = new CompletableFuture<>();
        CompletableFuture<ProducerAnswer> future = cache.get(key, (k, executor) -> placeholder);
        if (future != placeholder) {
            return new Lookup(future, true);
        }
        // An answer that reflects a failure leaves the map before anyone sees it: a lookup that arrives the moment
        // after asks the producers again instead of being handed the same failure.
        try {
            loader.get().subscribe().with(answer -> {
                if (!answer.cacheable()) {
                    cache.asMap().remove(key, placeholder);
                }
                placeholder.complete(answer);
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

    /** The completed answer cached for an identity and source, if any (for operators and tests; never loads). */
    public java.util.Optional<ProducerAnswer> peek(CompanyId id, Source source) {
        CompletableFuture<ProducerAnswer> future = cache.getIfPresent(new Key(id, source));
        return future != null && future.isDone() && !future.isCompletedExceptionally()
                ? java.util.Optional.of(future.join()) : java.util.Optional.empty();
    }

    /** Drops what is cached for an identity and source (an answer that turned out to be about nobody). */
    public void forget(CompanyId id, Source source) {
        cache.synchronous().invalidate(new Key(id, source));
    }

    public long size() {
        return cache.synchronous().estimatedSize();
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }
}
