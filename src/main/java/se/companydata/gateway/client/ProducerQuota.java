package se.companydata.gateway.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.RandomIds;

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
 * <p>
 * <b>Shared by the replicas</b> (Redis configured, {@link SharedQuotaWindow}): the window is the deployment's and each
 * permit is granted atomically in Redis, so the deployment as a whole never sends more, however many replicas; the
 * queue, its order and its refusals stay this replica's, planned on what Redis last said. When Redis does not answer,
 * the replica keeps to its share ({@code calls / replicas}) of its own calls, but only from one lease and one period
 * after it last heard from Redis: calls the others made until then may count until then. When Redis answers again, the
 * replica first records there the calls it made meanwhile, then waits {@code grace} (so every replica has done the
 * same) before it spends the shared window again.
 */
public final class ProducerQuota {

    /** How this replica plans and grants: alone; shared through Redis; alone while Redis does not answer; rejoining. */
    enum Mode { ALONE, SHARED, FALLBACK, RECOVERING }

    private static final long UNDER_WAY = -1;
    /** Shared: what Redis said is planned on for this long; after that the next ask refreshes it. */
    private static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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
    /** The deployment's window in Redis; null: this replica is alone. */
    private final SharedQuotaWindow shared;
    /** Calls per period this replica may make on its own while the window cannot be shared. */
    private final int share;
    private final long leaseNanos;
    private final long graceNanos;

    // Guarded by this. `sends` and `underWay` (or, shared, `leases`) are what grants are planned on: this replica's own
    // calls when alone or falling back, what Redis last said when shared. `own` is this replica's calls of the last period (id -> answered
    // at, or UNDER_WAY), kept in every mode: they are what falling back counts, and what rejoining records.
    private final ArrayDeque<Long> sends = new ArrayDeque<>();
    private int underWay;
    /** Shared: the deployment's calls under way, by member name, with the moment each stops counting if never given back (a period after its lease ends). */
    private final Map<String, Long> leases = new HashMap<>();
    /** When Redis last said what the window holds. */
    private long snapshotAt;
    private final Map<String, Long> own = new HashMap<>();
    private Mode mode;
    /** When Redis last answered this replica. */
    private long lastShared;
    /** No grant before this (the pause after Redis stopped answering, or the grace after it came back). */
    private long grantsFrom;
    /** The waiter whose permit is being asked of Redis (one at a time). */
    private Waiter asking;
    /** Not before this is Redis asked again: what it said when it last refused (a place that could be this replica's ends then). */
    private long askFrom;
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

    /** A quota this replica holds alone ({@code calls} is its part already). */
    ProducerQuota(String name, String displayName, int calls, int interactiveReserve, Duration period, Duration reserve, Vertx vertx,
                  MeterRegistry metrics, LongSupplier clock) {
        this(name, displayName, calls, interactiveReserve, period, reserve, vertx, metrics, clock, null, 1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param shared   the deployment's window in Redis, or null: alone
     * @param replicas the most replicas there are: falling back, this one makes {@code calls / replicas} (at least one)
     * @param lease    the longest a call can be under way: a permit not released by then counts as answered then
     * @param grace    after Redis answers again, how long to wait before spending the shared window
     */
    ProducerQuota(String name, String displayName, int calls, int interactiveReserve, Duration period, Duration reserve, Vertx vertx,
                  MeterRegistry metrics, LongSupplier clock, SharedQuotaWindow shared, int replicas, Duration lease, Duration grace) {
        this.interactiveReserve = Math.max(0, Math.min(calls - 1, interactiveReserve));
        this.name = name;
        this.displayName = displayName;
        this.calls = calls;
        this.periodNanos = period.toNanos();
        this.reserveNanos = reserve.toNanos();
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
        this.shared = shared;
        this.share = Math.max(1, calls / Math.max(1, replicas));
        this.leaseNanos = lease.toNanos();
        this.graceNanos = grace.toNanos();
        this.mode = shared == null ? Mode.ALONE : Mode.SHARED;
        this.lastShared = clock.getAsLong();
        this.waited = Timer.builder("gateway.producer.quota.wait").description("Time calls waited for a permit of the producer's quota")
                .tag("quota", name).register(metrics);
        metrics.gauge("gateway.producer.quota.queue", Tags.of("quota", name), this, ProducerQuota::queueLength);
        metrics.gauge("gateway.producer.quota.shared", Tags.of("quota", name), this,
                quota -> quota.mode() == Mode.SHARED ? 1 : 0);
    }

    /** The quota as configured: {@code calls} per {@code period}. */
    public String describe() {
        return displayName + "'s quota (" + calls + " calls per " + Duration.ofNanos(periodNanos).toSeconds() + " s)";
    }

    synchronized Mode mode() {
        return mode;
    }

    /** A permit held by one request under way: {@link #release()} when its answer (or failure) has come. */
    public final class Permit {
        private final String id;
        private boolean released;

        private Permit(String id) {
            this.id = id;
            own.put(id, UNDER_WAY);
        }

        public void release() {
            List<Runnable> done = new ArrayList<>();
            boolean tellRedis;
            synchronized (ProducerQuota.this) {
                if (released) {
                    return;
                }
                released = true;
                long now = clock.getAsLong();
                own.put(id, now);
                tellRedis = mode == Mode.SHARED || mode == Mode.RECOVERING;
                // Planned on: alone or falling back, this replica's own calls; shared, the snapshot, where it is under way.
                if (mode != Mode.SHARED) {
                    underWay = Math.max(0, underWay - 1);
                    sends.addLast(now);
                } else if (leases.remove(shared.member(id)) != null) {
                    sends.addLast(now);
                }
                schedule(now, done);
            }
            if (tellRedis) {
                // Until this lands, the call counts to its lease's end and a period after: longer, never shorter.
                shared.release(id).onFailure(late -> shared.available()).retry().atMost(1)
                        .subscribe().with(ok -> { }, failure -> fellBack(failure));
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
            if (mode == Mode.ALONE && waiting.isEmpty() && now >= pausedUntil && sends.size() + underWay < limit(context.interactive())) {
                underWay++;
                waited.record(0, TimeUnit.NANOSECONDS);
                return Uni.createFrom().item(new Permit(RandomIds.uuid()));
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

    /** The producer answered 429: no permit until {@code retryAfter} has passed (for every replica, when shared). */
    public void pause(Duration retryAfter) {
        List<Runnable> done = new ArrayList<>();
        boolean tellRedis;
        synchronized (this) {
            long now = clock.getAsLong();
            pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
            tellRedis = mode == Mode.SHARED || mode == Mode.RECOVERING;
            schedule(now, done);
        }
        if (tellRedis) {
            shared.pause(retryAfter).onFailure(late -> shared.available()).retry().atMost(1)
                    .subscribe().with(ok -> { }, failure -> fellBack(failure));
        }
        done.forEach(Runnable::run);
        metrics.counter("gateway.producer.quota.paused", "quota", name).increment();
    }

    /** Back to a fresh window: no sends remembered, no pause (operators' and tests' reset; waiters keep their place). */
    public synchronized void reset() {
        sends.clear();
        underWay = 0;
        leases.clear();
        own.clear();
        pausedUntil = 0;
        grantsFrom = 0;
    }

    public synchronized int queueLength() {
        return waiting.size();
    }

    private synchronized void leave(Waiter waiter) {
        waiting.remove(waiter);
    }

    private int limit(boolean interactive) {
        int of = mode == Mode.FALLBACK ? share : calls;
        return interactive ? of : Math.max(1, of - (mode == Mode.FALLBACK ? (int) Math.ceil((double) interactiveReserve * share / calls)
                : interactiveReserve));
    }

    /** Sends a full period ago no longer count: what is left is every send in the window ending now. */
    private void forgetOldSends(long now) {
        while (!sends.isEmpty() && sends.peekFirst() + periodNanos <= now) {
            sends.pollFirst();
        }
        for (Iterator<Long> answered = own.values().iterator(); answered.hasNext(); ) {
            long at = answered.next();
            if (at != UNDER_WAY && at + periodNanos <= now) {
                answered.remove();
            }
        }
    }

    /**
     * Grants what can go now, refuses what cannot come in time, and sets a timer for the next grant.
     * Completions are collected in {@code done} and run after the lock is released.
     */
    private void schedule(long now, List<Runnable> done) {
        forgetOldSends(now);
        if (mode == Mode.FALLBACK && shared.available()) {
            rejoin(now, done);
        }
        // The times at which the next permits become free, simulated on a sorted copy of the log; a call under way is taken
        // to answer now (the estimate a refusal is decided on is then never too late, and the next schedule corrects it).
        List<Long> simulated = new ArrayList<>(sends);
        for (int i = 0; i < underWay; i++) {
            simulated.add(now);
        }
        // Shared, a call under way ends counting a period after its answer, planned as if it answered now; one never given
        // back (its replica gone) counts as answered when its lease ended: `end` is then a period after that.
        leases.values().removeIf(end -> end <= now);
        for (long end : leases.values()) {
            simulated.add(Math.min(now, end - periodNanos));
        }
        simulated.sort(null);
        int counted = sends.size() + underWay + leases.size();
        // Shared, what Redis said a moment ago is all this replica knows of the others: refusals and waits are planned
        // on it only while it is fresh; older, the next ask refreshes it.
        boolean stale = mode == Mode.SHARED && now - snapshotAt > STALE_NANOS;
        long next = -1;
        for (Waiter w : order()) {
            int limit = limit(w.interactive);
            // A send at t needs fewer than `limit` sends in (t - period, t]: at the latest, the one `limit` places from the end leaves.
            long free = simulated.size() < limit ? now : simulated.get(simulated.size() - limit) + periodNanos;
            long at = Math.max(Math.max(now, Math.max(pausedUntil, grantsFrom)), free);
            if (at > w.neededBy - reserveNanos) {
                if (w == asking) {
                    continue;   // Redis is deciding about it: its answer settles it
                }
                if (stale && now >= askFrom && w.neededBy - reserveNanos > now) {
                    if (asking == null) {
                        asking = w;
                        done.add(() -> ask(w));
                    }
                    continue;
                }
                waiting.remove(w);
                refusal(w.consumer).increment();
                String why = describe() + " is exhausted: no call to it could be made within the caller's time budget";
                done.add(() -> w.permit.completeExceptionally(new QuotaExhaustedException(why)));
                continue;
            }
            int position = Collections.binarySearch(simulated, at);
            simulated.add(position < 0 ? -position - 1 : position, at);
            if (at <= now && counted < limit) {
                if (mode == Mode.SHARED) {
                    if (asking == null && now >= askFrom) {
                        asking = w;
                        done.add(() -> ask(w));
                    } else if (asking == null && (next < 0 || askFrom < next)) {
                        next = askFrom;
                    }
                } else if (mode != Mode.RECOVERING) {
                    waiting.remove(w);
                    underWay++;
                    waited.record(now - w.since, TimeUnit.NANOSECONDS);
                    Permit permit = new Permit(RandomIds.uuid());
                    done.add(() -> w.permit.complete(permit));
                }
            } else if (stale && asking == null && now >= askFrom) {
                asking = w;
                done.add(() -> ask(w));
            } else if (at > now && (next < 0 || at < next)) {
                next = at;
            }
        }
        if (mode == Mode.SHARED && !waiting.isEmpty() && asking == null) {
            // Keep what Redis says fresh while calls wait.
            long refresh = Math.max(askFrom, snapshotAt + STALE_NANOS + 1);
            next = next < 0 ? refresh : Math.min(next, refresh);
        }
        if (mode == Mode.FALLBACK && !waiting.isEmpty()) {
            // Whether Redis answers again is seen on the next schedule: keep one coming while calls wait.
            long probe = now + TimeUnit.MILLISECONDS.toNanos(200);
            next = next < 0 ? probe : Math.min(next, probe);
        }
        if (next >= 0 && (timer < 0 || next < timerAt)) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            timerAt = next;
            timer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1), id -> onTimer());
        }
    }

    /** Asks Redis for {@code w}'s permit; its answer is the deployment's window, planned on from then. */
    private void ask(Waiter w) {
        String id = RandomIds.uuid();
        int limit;
        synchronized (this) {
            limit = limit(w.interactive);
        }
        shared.acquire(limit, id).subscribe().with(snapshot -> {
            List<Runnable> done = new ArrayList<>();
            Permit permit = null;
            boolean giveBack = false;
            synchronized (this) {
                long now = clock.getAsLong();
                asking = null;
                lastShared = now;
                if (mode == Mode.SHARED) {
                    sends.clear();
                    snapshot.sendsAgoNanos().stream().sorted(Comparator.reverseOrder()).forEach(ago -> sends.addLast(now - ago));
                    underWay = 0;
                    leases.clear();
                    snapshot.leasesEndInNanos().forEach((member, endsIn) -> leases.put(member, now + endsIn));
                    snapshotAt = now;
                    pausedUntil = Math.max(pausedUntil, now + snapshot.pausedForNanos());
                } else if (snapshot.granted()) {
                    underWay++;   // fell back meanwhile: planned on its own calls, this is one of them now
                }
                if (!snapshot.granted()) {
                    askFrom = now + snapshot.retryInNanos();
                }
                if (snapshot.granted()) {
                    permit = new Permit(id);
                    if (waiting.remove(w)) {
                        waited.record(now - w.since, TimeUnit.NANOSECONDS);
                        Permit granted = permit;
                        done.add(() -> w.permit.complete(granted));
                    } else {
                        giveBack = true;   // its caller left meanwhile
                    }
                }
                schedule(now, done);
            }
            if (giveBack) {
                permit.release();
            }
            done.forEach(Runnable::run);
        }, failure -> {
            if (!shared.available()) {
                synchronized (this) {
                    asking = null;
                }
                fellBack(failure);
                return;
            }
            // Only late (Redis answered a PING right after): asked again. Had Redis granted it meanwhile, that permit
            // counts, unused, until its lease ends and a period after: a place lost, never one too many.
            List<Runnable> done = new ArrayList<>();
            synchronized (this) {
                asking = null;
                schedule(clock.getAsLong(), done);
            }
            done.forEach(Runnable::run);
        });
    }

    /**
     * Redis did not answer: from now on this replica keeps to its share of its own calls, but grants nothing before
     * one lease and one period after Redis last answered it (the others' calls until then may still count).
     */
    private void fellBack(Throwable why) {
        List<Runnable> done = new ArrayList<>();
        synchronized (this) {
            if (mode != Mode.SHARED && mode != Mode.RECOVERING) {
                return;
            }
            long now = clock.getAsLong();
            mode = Mode.FALLBACK;
            grantsFrom = Math.max(grantsFrom, lastShared + leaseNanos + periodNanos);
            sends.clear();
            underWay = 0;
            leases.clear();
            for (long at : own.values()) {
                if (at == UNDER_WAY) {
                    underWay++;
                } else {
                    sends.addLast(at);
                }
            }
            metrics.counter("gateway.producer.quota.fallbacks", "quota", name).increment();
            schedule(now, done);
        }
        done.forEach(Runnable::run);
    }

    /** Redis answers again: the calls made meanwhile are recorded there, then, after the grace, the window is shared again. */
    private void rejoin(long now, List<Runnable> done) {
        mode = Mode.RECOVERING;
        List<String> ids = new ArrayList<>();
        List<Long> ago = new ArrayList<>();
        own.forEach((id, at) -> {
            ids.add(id);
            ago.add(at == UNDER_WAY ? -1 : TimeUnit.NANOSECONDS.toMillis(now - at));
        });
        done.add(() -> shared.record(ids, ago).subscribe().with(ok -> {
            List<Runnable> later = new ArrayList<>();
            synchronized (this) {
                if (mode != Mode.RECOVERING) {
                    return;
                }
                long at = clock.getAsLong();
                grantsFrom = Math.max(grantsFrom, at + graceNanos);
                lastShared = at;
                mode = Mode.SHARED;
                schedule(at, later);
            }
            later.forEach(Runnable::run);
        }, failure -> fellBack(failure)));
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
