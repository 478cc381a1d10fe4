package se.companydata.gateway.client;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.Source;

/**
 * One producer's circuit breaker, judging the producer by the <em>distinct questions</em> it was
 * asked (an endpoint and a company), not by the calls.
 *
 * <p>Its window holds the latest call of each of the most recent questions, each with the attempts
 * that call made and how many failed in a way that says the producer is unavailable, as far back as
 * it takes to hold {@code request-volume-threshold} attempts; it opens when at least
 * {@code failure-ratio} of those attempts failed. A question asked again replaces its own entry
 * instead of adding to the window. Why: with the answer cache on, healthy answers are served from the
 * cache and failures are not, so the calls that reach a producer are mostly the repeats of the few
 * companies whose records fail there. A window of calls then sees "half the calls fail" when one or
 * two companies are failing, and opens for everyone. Counted by question, a failing company weighs
 * one call's attempts whatever its callers do. A producer that is down fails every question, and as
 * long as the questions differ the window fills with failures after exactly as many attempts as a
 * window of calls would. What it does not do, by design: open for one company asked over and over,
 * since one company cannot tell "the producer is down" from "this record fails".
 *
 * <p>After {@code delay} open it lets {@code success-threshold} trial attempts through; as many
 * successes close it with an empty window, a failure opens it again. An attempt refused by our own
 * full bulkhead never reached the producer and is not counted. The critical sections are a few map
 * operations: safe on an event loop.
 */
public final class ProducerBreaker {

    private static final Logger LOG = Logger.getLogger(ProducerBreaker.class);

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    /** What a call says of the producer. */
    enum Outcome {
        /** It answered (whatever it answered about that one request). */
        ANSWERED,
        /** It could not serve anyone: a timeout, no connection, 429/502/503/504. */
        UNAVAILABLE,
        /** It was never asked (our own bulkhead was full): says nothing of the producer. */
        NOT_ASKED
    }

    /** What the producer was asked: one endpoint about one company. */
    record Question(Source source, CompanyId company) {
    }

    /** The latest call of one question: its identity, its attempts, and how many failed. */
    private static final class Entry {
        Object call;
        int attempts;
        int failures;
    }

    private final Producer producer;
    private final int window;
    private final double failureRatio;
    private final long delayNanos;
    private final int successThreshold;
    private final LongSupplier nanoClock;
    private final Runnable onOpen;

    // Guarded by this.
    private final LinkedHashMap<Question, Entry> latest = new LinkedHashMap<>();
    private int attempts;
    private int failures;
    private State state = State.CLOSED;
    private long openedAt;
    private int trialsAdmitted;
    private int trialSuccesses;
    private long generation;

    ProducerBreaker(Producer producer, ProducersConfig.CircuitBreaker config, LongSupplier nanoClock, Runnable onOpen) {
        this.producer = producer;
        this.window = Math.max(1, config.requestVolumeThreshold());
        this.failureRatio = config.failureRatio();
        this.delayNanos = config.delay().toNanos();
        this.successThreshold = Math.max(1, config.successThreshold());
        this.nanoClock = nanoClock;
        this.onOpen = onOpen;
    }

    /**
     * Admits a call, or throws {@link CircuitBreakerOpenException}. The returned ticket says in which
     * state it was admitted, so its outcome is counted where it belongs.
     */
    synchronized long admit() {
        if (state == State.OPEN) {
            if (nanoClock.getAsLong() - openedAt < delayNanos) {
                throw new CircuitBreakerOpenException(producer + " breaker is open");
            }
            moveTo(State.HALF_OPEN);
        }
        if (state == State.HALF_OPEN) {
            if (trialsAdmitted >= successThreshold) {
                throw new CircuitBreakerOpenException(producer + " breaker is half-open and its trial calls are out");
            }
            trialsAdmitted++;
            return -generation - 1;
        }
        return generation;
    }

    /**
     * Counts the outcome of an attempt admitted with {@code ticket}: one attempt of {@code call} (the
     * same object for every attempt of one call, its retries included) about {@code question}.
     */
    synchronized void record(long ticket, Question question, Object call, Outcome outcome) {
        boolean trial = ticket < 0;
        if ((trial ? -ticket - 1 : ticket) != generation) {
            // Admitted before the breaker last changed state: its outcome belongs to a window that is gone.
            return;
        }
        if (trial) {
            switch (outcome) {
                case UNAVAILABLE -> moveTo(State.OPEN);
                case ANSWERED -> {
                    if (++trialSuccesses >= successThreshold) {
                        moveTo(State.CLOSED);
                    }
                }
                case NOT_ASKED -> trialsAdmitted--;
            }
            return;
        }
        if (outcome == Outcome.NOT_ASKED) {
            return;
        }
        Entry entry = latest.get(question);
        if (entry == null || entry.call != call) {
            // A new call of this question: its previous call leaves the window, and it goes in as the newest.
            if (entry != null) {
                latest.remove(question);
                attempts -= entry.attempts;
                failures -= entry.failures;
            }
            entry = new Entry();
            entry.call = call;
            latest.put(question, entry);
        }
        entry.attempts++;
        attempts++;
        if (outcome == Outcome.UNAVAILABLE) {
            entry.failures++;
            failures++;
        }
        // Keep the newest questions that hold at least the window's attempts.
        Iterator<Entry> oldest = latest.values().iterator();
        while (latest.size() > 1) {
            Entry first = oldest.next();
            if (attempts - first.attempts < window) {
                break;
            }
            oldest.remove();
            attempts -= first.attempts;
            failures -= first.failures;
        }
        if (attempts >= window && failures >= Math.ceil(failureRatio * attempts)) {
            moveTo(State.OPEN);
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= delayNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** What the breaker is deciding on: the window's attempts, how many failed, over how many questions. */
    public synchronized String window() {
        return failures + " of " + attempts + " attempts failed, over the last " + latest.size() + " questions";
    }

    /** Closed with an empty window (operators' and tests' reset). */
    public synchronized void reset() {
        if (state != State.CLOSED || !latest.isEmpty()) {
            moveTo(State.CLOSED);
        }
    }

    private void moveTo(State next) {
        if (next == State.OPEN) {
            LOG.warnf("Circuit breaker for %s is now OPEN: %s", producer, window());
            openedAt = nanoClock.getAsLong();
            onOpen.run();
        } else if (next != state) {
            LOG.warnf("Circuit breaker for %s is now %s", producer, next);
        }
        state = next;
        generation++;
        trialsAdmitted = 0;
        trialSuccesses = 0;
        latest.clear();
        attempts = 0;
        failures = 0;
    }
}
