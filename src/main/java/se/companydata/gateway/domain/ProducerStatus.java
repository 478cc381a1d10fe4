package se.companydata.gateway.domain;

import java.time.Instant;

/**
 * How one producer fared in a lookup: {@code error} is null when it answered; {@code fromCache}
 * tells whether its answer was served from the gateway's cache rather than a call.
 */
public record ProducerStatus(Producer producer, ErrorType error, String description, boolean fromCache,
                             Instant retrievedAt, long latencyMillis) {
}
