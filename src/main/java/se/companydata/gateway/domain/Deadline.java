package se.companydata.gateway.domain;

import java.time.Duration;

/** The point in time by which a lookup must answer, whatever its producers do. */
public record Deadline(long atNanos) {

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }
}
