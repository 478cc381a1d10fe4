package se.companydata.gateway.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import se.companydata.gateway.domain.CallContext;

/**
 * A producer's quota ("SCB: 10 calls per 10 s per customer"), held so that the gateway never sends
 * more: at most {@code calls} requests in any window of {@code period}. A call holds its permit while it
 * is under way and is remembered from the moment its answer came: the producer saw the request somewhere
 * between sending and answer, so a window counted from the answers can never hold more at the producer
 * however the network delays each request (counted from the sends, a slow first request let the eleventh
 * arrive within SCB's window). A call beyond it waits for a permit in a queue ordered to serve people first and consumers
 * fairly:
 * <ul>
 * <li>calls for a person filling in a form ({@code IndirektAteranvandning}) before case-system calls;
 * and case-system calls may use only {@code calls - interactiveReserve} permits of a window, so a
 * person arriving after a case system's burst still finds one (ordering alone cannot do that: permits
 * that case systems took a moment earlier are gone for the whole period);</li>
 * <li>within each, round by round across consumers (each consumer's oldest waiting call, then each
 * one's next…), so one consumer's burst cannot take the whole quota while others wait;</li>
 * <li>a call whose permit would come later than its caller needs it (its time budget, less
 * {@code reserve} for the call itself) is refused at once with {@link QuotaExhaustedException}, and so
 * is one that later calls of higher standing push past that point: its items say the quota is
 * exhausted, instead of a timeout after the budget is spent.</li>
 * </ul>
 * A producer's own 429 pauses every permit until its {@code Retry-After} has passed.
 */
public final class ProducerQuota {

    private final String name;
    private final String displayName;
    private final int calls;
    /** Permits of a window case-system calls may not take: kept for people. */
    private final int interactiveReserve;
    private final long periodNanos;
    private final long reserveNanos;
    private final Vertx vertx;
    private final LongSupplier clock;
    private final Timer waited;
    private final MeterRegistry metrics;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    // Guarded by this.
    private final ArrayDeque<Long> sends = new ArrayDeque<>();
    private int underWay;
    private final List<Waiter> waiting = new ArrayList<>();
    private long pausedUntil;
    private long sequence;
    private long timer = -1;
    private long timerAt;

    private static final class Waiter {
        final String consumer;
        final boolean interactive;
        final long neededBy;
        final long seq;
        final long since;
        final CompletableFuture<Permit> permit = new CompletableFuture<>();

        Waiter(String consumer, boolean interactive, long neededBy, long seq, long since) {
            this.consumer = consumer;
            this.interactive = interactive;
            this.neededBy = neededBy;
            this.seq = seq;
            this.since = since;
        }
    }

    ProducerQuota(String name, String displayName, int calls, int interactiveReserve, Duration period, Duration reserve, Vertx vertx,
                  MeterRegistry metrics, LongSupplier clock) {
        this.interactiveReserve = Math.max(0, Math.min(calls - 1, interactiveReserve));
        this.name = name;
        this.displayName = displayName;
        this.calls = calls;
        this.periodNanos = period.toNanos();
        this.reserveNanos = reserve.toNanos();
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
        this.waited = Timer.builder("gateway.producer.quota.wait").description("Time calls waited for a permit of the producer's quota")
                .tag("quota", name).register(metrics);
        metrics.gauge("gateway.producer.quota.queue", io.micrometer.core.instrument.Tags.of("quota", name), this, ProducerQuota::queueLength);
    }

    /** The quota as configured: {@code calls} per {@code period} (what the producer allows this replica). */
    public String describe() {
        return displayName + "'s quota (" + calls + " calls per " + Duration.ofNanos(periodNanos).toSeconds() + " s)";
    }

    /** A permit held by one request under way: {@link #release()} when its answer (or failure) has come. */
    public final class Permit {
        private boolean released;

        public void release() {
            List<Runnable> done = new ArrayList<>();
            synchronized (ProducerQuota.this) {
                if (released) {
                    return;
                }
                released = true;
                underWay--;
                long now = clock.getAsLong();
                sends.addLast(now);
                schedule(now, done);
            }
            done.forEach(Runnable::run);
        }
    }

    /** A permit for one request, when the quota allows it; a failure ({@link QuotaExhaustedException}) when it cannot come in time. */
    public Uni<Permit> permit(CallContext context) {
        List<Runnable> done = new ArrayList<>();
        Waiter waiter;
        synchronized (this) {
            long now = clock.getAsLong();
            forgetOldSends(now);
            if (waiting.isEmpty() && now >= pausedUntil && sends.size() + underWay < limit(context.interactive())) {
                underWay++;
                waited.record(0, TimeUnit.NANOSECONDS);
                return Uni.createFrom().item(new Permit());
            }
            long neededBy = context.needed() == null ? now + periodNanos : context.needed().atNanos();
            waiter = new Waiter(context.consumer() == null ? "gateway" : context.consumer(), context.interactive(), neededBy, sequence++, now);
            waiting.add(waiter);
            schedule(now, done);
        }
        done.forEach(Runnable::run);
        return Uni.createFrom().completionStage(() -> waiter.permit.copy())
                .onCancellation().invoke(() -> leave(waiter));
    }

    /** The producer answered 429: no permit until {@code retryAfter} has passed. */
    public void pause(Duration retryAfter) {
        List<Runnable> done = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
            schedule(now, done);
        }
        done.forEach(Runnable::run);
        metrics.counter("gateway.producer.quota.paused", "quota", name).increment();
    }

    /** Back to a fresh window: no sends remembered, no pause (operators' and tests' reset; waiters keep their place). */
    public synchronized void reset() {
        sends.clear();
        underWay = 0;
        pausedUntil = 0;
    }

    public synchronized int queueLength() {
        return waiting.size();
    }

    private synchronized void leave(Waiter waiter) {
        waiting.remove(waiter);
    }

    private int limit(boolean interactive) {
        return interactive ? calls : calls - interactiveReserve;
    }

    /** Sends a full period ago no longer count: what is left is every send in the window ending now. */
    private void forgetOldSends(long now) {
        while (!sends.isEmpty() && sends.peekFirst() + periodNanos <= now) {
            sends.pollFirst();
        }
    }

    /**
     * Grants what can go now, refuses what cannot come in time, and sets a timer for the next grant.
     * Completions are collected in {@code done} and run after the lock is released.
     */
    private void schedule(long now, List<Runnable> done) {
        forgetOldSends(now);
        // The times at which the next permits become free, simulated on a sorted copy of the log; a call under way is taken
        // to answer now (the estimate a refusal is decided on is then never too late, and the next schedule corrects it).
        List<Long> simulated = new ArrayList<>(sends);
        for (int i = 0; i < underWay; i++) {
            simulated.add(now);
        }
        long next = -1;
        for (Waiter w : order()) {
            int limit = limit(w.interactive);
            // A send at t needs fewer than `limit` sends in (t - period, t]: at the latest, the one `limit` places from the end leaves.
            long free = simulated.size() < limit ? now : simulated.get(simulated.size() - limit) + periodNanos;
            long at = Math.max(Math.max(now, pausedUntil), free);
            if (at > w.neededBy - reserveNanos) {
                waiting.remove(w);
                refusal(w.consumer).increment();
                String why = describe() + " is exhausted: no call to it could be made within the caller's time budget";
                done.add(() -> w.permit.completeExceptionally(new QuotaExhaustedException(why)));
                continue;
            }
            int position = Collections.binarySearch(simulated, at);
            simulated.add(position < 0 ? -position - 1 : position, at);
            if (at <= now && sends.size() + underWay < limit) {
                waiting.remove(w);
                underWay++;
                waited.record(now - w.since, TimeUnit.NANOSECONDS);
                Permit permit = new Permit();
                done.add(() -> w.permit.complete(permit));
            } else if (at > now && (next < 0 || at < next)) {
                next = at;
            }
        }
        if (next >= 0 && (timer < 0 || next < timerAt)) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            timerAt = next;
            timer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1), id -> onTimer());
        }
    }

    private void onTimer() {
        List<Runnable> done = new ArrayList<>();
        synchronized (this) {
            timer = -1;
            schedule(clock.getAsLong(), done);
        }
        done.forEach(Runnable::run);
    }

    /** People first; within each, each consumer's oldest waiting call, then each one's next, and so on. */
    private List<Waiter> order() {
        Map<String, Integer> rank = new HashMap<>();
        List<Waiter> byAge = new ArrayList<>(waiting);
        byAge.sort(Comparator.comparingLong(w -> w.seq));
        Map<Waiter, Integer> ranks = new HashMap<>();
        for (Waiter w : byAge) {
            String key = (w.interactive ? "i:" : "b:") + w.consumer;
            int r = rank.merge(key, 1, Integer::sum);
            ranks.put(w, r);
        }
        byAge.sort(Comparator.<Waiter, Boolean>comparing(w -> !w.interactive).thenComparing(ranks::get).thenComparingLong(w -> w.seq));
        return byAge;
    }

    private Counter refusal(String consumer) {
        return refusals.computeIfAbsent(consumer, c -> Counter.builder("gateway.producer.quota.refused")
                .description("Calls refused because the producer's quota could not give a permit in time")
                .tag("quota", name).tag("consumer", c).register(metrics));
    }
}
