package se.companydata.gateway.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated producer's quota, as the real ones keep it: at most {@code calls} requests per client
 * credential (the client certificate's organisation) in any window of {@code period}; past it an
 * HTTP 429 with {@code Retry-After}. It also keeps the times of the calls it let through, so a test can
 * see the most calls any window held.
 */
final class SandboxQuota {

    /** The outcome for one request: let through, or refused for {@code retryAfterSeconds}. */
    record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    private final int calls;
    private final long periodNanos;
    private final Map<String, ArrayDeque<Long>> recent = new HashMap<>();
    private final List<Long> accepted = new ArrayList<>();
    private long refused;

    SandboxQuota(int calls, Duration period) {
        this.calls = calls;
        this.periodNanos = period.toNanos();
    }

    synchronized Verdict admit(String client, long now) {
        accepted.removeIf(t -> t + 10 * periodNanos < now);
        if (calls <= 0) {
            accepted.add(now);
            return new Verdict(true, 0);
        }
        ArrayDeque<Long> log = recent.computeIfAbsent(client, c -> new ArrayDeque<>());
        while (!log.isEmpty() && log.peekFirst() + periodNanos <= now) {
            log.pollFirst();
        }
        if (log.size() >= calls) {
            refused++;
            long wait = log.peekFirst() + periodNanos - now;
            return new Verdict(false, Math.max(1, (wait + 999_999_999) / 1_000_000_000));
        }
        log.addLast(now);
        accepted.add(now);
        return new Verdict(true, 0);
    }

    synchronized long refused() {
        return refused;
    }

    /** The most calls let through in any window of the quota's period (of those in the last ten periods). */
    synchronized int mostInAnyWindow() {
        List<Long> times = new ArrayList<>(accepted);
        times.sort(Long::compare);
        int most = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= periodNanos) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
