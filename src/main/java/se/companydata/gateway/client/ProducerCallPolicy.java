package se.companydata.gateway.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http2.Http2Exception;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;

/**
 * One producer's fault-tolerance policy, from the inside out:
 * <ol>
 * <li>a <em>transparent</em> repeat of a call whose connection was lost before its answer was
 * complete (reset, closed mid-answer, refused by a {@code GOAWAY}). Such a loss is often not the
 * call's own doing (an idle timeout, a deploy at the producer, another call on a shared connection);
 * the repeat goes out on a fresh connection and the breaker sees only its outcome;</li>
 * <li>the producer's circuit breaker ({@link ProducerBreaker}: shared by every call to that producer,
 * judging it by distinct questions), then bulkhead and per-call timeout (a SmallRye guard). The
 * breaker counts only what says the producer as a whole is unavailable: timeouts, connections that
 * cannot be made or keep being lost, 429/502/503/504. A prompt answer about one request (400, 500, a
 * body outside the contract) is that request's failure and is not held against everyone else's;</li>
 * <li>a retry with back-off for "come back later" (connection refused, 502/503/504), only while the
 * lookup deadline leaves room, and the lookup deadline over all of it.</li>
 * </ol>
 * Whatever happens, the result is a {@link ProducerAnswer}, never a failure.
 */
public final class ProducerCallPolicy {

    private static final Logger LOG = Logger.getLogger(ProducerCallPolicy.class);

    private final Producer producer;
    private final ProducersConfig.Policy config;
    private final ProducerBreaker breaker;
    private final TypedGuard<Uni<ProducerAnswer>> guard;
    private final MeterRegistry metrics;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Function<String, String> errorBodyDetail;
    private final ProducerQuota quota;

    public ProducerCallPolicy(Producer producer, ProducersConfig.Policy config, ProducerBreakers breakers, MeterRegistry metrics,
                              Optional<ProducerQuota> quota) {
        this(producer, config, breakers, metrics, quota, body -> null);
    }

    /**
     * @param quota           the endpoint's quota: every attempt waits for a permit of it (none: unlimited)
     * @param errorBodyDetail reads the producer's own error body (e.g. Bolagsverket's {@code ApiError}) into the
     *                        sentence an item's error description carries; null when it says nothing more
     */
    public ProducerCallPolicy(Producer producer, ProducersConfig.Policy config, ProducerBreakers breakers, MeterRegistry metrics,
                              Optional<ProducerQuota> quota, Function<String, String> errorBodyDetail) {
        this.errorBodyDetail = errorBodyDetail;
        this.quota = quota.orElse(null);
        this.producer = producer;
        this.config = config;
        this.metrics = metrics;
        this.breaker = breakers.of(producer);
        this.guard = TypedGuard.create(new TypeLiteral<Uni<ProducerAnswer>>() {
                })
                .withDescription(producer.name())
                // The guarded supplier only builds a Uni; running it on another thread would add a hop per call.
                .withThreadOffload(false)
                .withBulkhead()
                .limit(config.bulkhead().limit())
                .queueSize(config.bulkhead().queue())
                .done()
                .withTimeout()
                .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .build();
    }

    /** Which connection an attempt goes out on. */
    public enum Connection {
        /** A kept-alive connection from the producer's pool: every first attempt. */
        POOLED,
        /** A new connection of its own ({@link FreshConnections}): the repeat after a lost connection. */
        FRESH
    }

    /**
     * Runs {@code attempt} about {@code company} under the policy, on the connection it is given. The
     * attempt maps the wire answer to a ProducerAnswer itself (so a garbled answer fails the call, as
     * that call's own failure) and turns "not found" into an answer.
     */
    public Uni<ProducerAnswer> call(Source source, CompanyId company, CallContext context,
                                    Function<Connection, Uni<ProducerAnswer>> attempt) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            Duration budget = context.deadline().remaining();
            var retry = config.retry();
            Predicate<Throwable> connectionLost = failure -> isConnectionLost(failure)
                    && context.deadline().remaining().compareTo(retry.minRemaining()) > 0;
            Supplier<Uni<ProducerAnswer>> repeatedOnConnectionLoss = () -> {
                AtomicBoolean lost = new AtomicBoolean();
                return Uni.createFrom().deferred(() -> attempt.apply(lost.get() ? Connection.FRESH : Connection.POOLED))
                        .onFailure(connectionLost).invoke(failure -> {
                            lost.set(true);
                            LOG.debugf("%s: connection lost before the answer (%s); repeating on a fresh connection", producer, rootMessage(failure));
                        })
                        .onFailure(connectionLost).retry().atMost(retry.connectionLossRetries());
            };
            ProducerBreaker.Question question = new ProducerBreaker.Question(source, company);
            Object thisCall = new Object();
            return Uni.createFrom().deferred(() -> guarded(question, thisCall, context, () -> guard.get(repeatedOnConnectionLoss)))
                    .onFailure(failure -> isSafeToRetry(failure)
                            && context.deadline().remaining().compareTo(retry.minRemaining()) > 0)
                    .retry().withBackOff(retry.delay()).withJitter(0.2).atMost(retry.maxRetries())
                    .ifNoItem().after(budget).fail()
                    .onFailure().recoverWithItem(failure -> ProducerAnswer.failed(source, classify(failure, budget)))
                    .map(answer -> {
                        long nanos = System.nanoTime() - started;
                        timer(source, answer.failure() == null ? "OK" : answer.failure().type().name())
                                .record(nanos, TimeUnit.NANOSECONDS);
                        return answer.withLatency(nanos / 1_000_000);
                    });
        });
    }

    /**
     * One attempt: admitted by the breaker, then a permit of the quota (waiting in its queue when the quota is
     * spent), then sent; its outcome counted against its question. A producer's 429 pauses the quota.
     */
    private Uni<ProducerAnswer> guarded(ProducerBreaker.Question question, Object call, CallContext context,
                                        Supplier<Uni<ProducerAnswer>> attempt) {
        long ticket = breaker.admit();
        Uni<ProducerAnswer> sent = quota == null ? attempt.get()
                : quota.permit(context).flatMap(permit -> attempt.get().onTermination().invoke(permit::release));
        return sent
                .onItem().invoke(() -> breaker.record(ticket, question, call, ProducerBreaker.Outcome.ANSWERED))
                .onFailure().invoke(failure -> {
                    if (quota != null && hasStatus(failure, 429)) {
                        quota.pause(retryAfter(failure));
                    }
                    breaker.record(ticket, question, call, failure instanceof BulkheadException || failure instanceof QuotaExhaustedException
                            ? ProducerBreaker.Outcome.NOT_ASKED
                            : isProducerUnavailable(failure) ? ProducerBreaker.Outcome.UNAVAILABLE : ProducerBreaker.Outcome.ANSWERED);
                })
                .onCancellation().invoke(() -> breaker.record(ticket, question, call, ProducerBreaker.Outcome.NOT_ASKED));
    }

    /** A 429's {@code Retry-After} (seconds or an HTTP date); 1 s when it gives none. */
    static Duration retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                String value = web.getResponse().getHeaderString("Retry-After");
                if (value != null) {
                    try {
                        return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
                    } catch (NumberFormatException notSeconds) {
                        try {
                            Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                            return until.isNegative() ? Duration.ZERO : until;
                        } catch (DateTimeParseException unreadable) {
                            return Duration.ofSeconds(1);
                        }
                    }
                }
            }
        }
        return Duration.ofSeconds(1);
    }

    /** One timer per source and outcome, built once: registering a meter is a lookup with allocations. */
    private Timer timer(Source source, String outcome) {
        return timers.computeIfAbsent(source.name() + '/' + outcome, key -> Timer.builder("gateway.producer.calls")
                .description("Producer calls by outcome (OK or the SSBTGU error type)")
                .tag("producer", producer.name()).tag("source", source.name()).tag("outcome", outcome)
                .publishPercentileHistogram().register(metrics));
    }

    ItemError classify(Throwable failure, Duration budget) {
        if (failure instanceof TimeoutException) {
            return ItemError.byGateway(ErrorType.Timeout, producer + " did not answer within " + config.timeout().toMillis() + " ms");
        }
        if (failure instanceof io.smallrye.mutiny.TimeoutException) {
            return ItemError.byGateway(ErrorType.Timeout, producer + " did not answer within the lookup deadline (" + budget.toMillis() + " ms)");
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, producer + " is not called for now: its circuit breaker is open after repeated failures");
        }
        if (failure instanceof BulkheadException) {
            return ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, producer + " is not called: too many calls to it are already waiting");
        }
        if (failure instanceof QuotaExhaustedException) {
            return ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, failure.getMessage());
        }
        if (failure instanceof InvalidProducerAnswerException) {
            return ItemError.byGateway(ErrorType.OgiltigtSvar, producer + " answered outside its contract: " + failure.getMessage());
        }
        if (causedBy(failure, JsonProcessingException.class)) {
            return ItemError.byGateway(ErrorType.OgiltigtSvar, producer + " answered with a body that is not valid JSON of its contract");
        }
        Integer status = httpStatus(failure);
        if (status != null && status == 429) {
            return ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, producer + "'s quota is exhausted: it answered HTTP 429, and calls to it "
                    + "pause for " + retryAfter(failure).toSeconds() + " s");
        }
        if (status != null) {
            String detail = errorDetail(failure);
            String said = detail == null ? "" : ": " + detail;
            return status == 400
                    ? ItemError.byProducer(ErrorType.OgiltigBegaran, producer + " rejected the request (HTTP 400)" + said)
                    : ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, producer + " answered HTTP " + status + said);
        }
        LOG.debugf(failure, "%s call failed", producer);
        return ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, producer + " could not be reached: " + describeConnectionFailure(failure));
    }

    private static String describeConnectionFailure(Throwable failure) {
        if (causedBy(failure, ConnectException.class)) {
            return "connection refused";
        }
        if (causedBy(failure, java.util.concurrent.TimeoutException.class) || causedBy(failure, java.net.SocketTimeoutException.class)) {
            return "connection (or TLS handshake) timed out";
        }
        if (causedBy(failure, HttpClosedException.class) || causedBy(failure, IOException.class)) {
            return "connection closed before an answer";
        }
        return failure.getClass().getSimpleName();
    }

    /** The producer says to come back (502/503/504), or refused the connection: worth another try after a pause. */
    static boolean isSafeToRetry(Throwable failure) {
        Integer status = httpStatus(failure);
        if (status != null) {
            return status == 502 || status == 503 || status == 504;
        }
        return causedBy(failure, ConnectException.class);
    }

    /**
     * The connection under the call was lost before the answer was complete: closed or reset (by the
     * producer, a load balancer, an idle timeout), or the stream refused or cut by a {@code GOAWAY}.
     * Calls are read-only lookups, so repeating one on a fresh connection is always safe. Not: a
     * connection that could not be made, a failed TLS handshake, a complete body that is not JSON.
     */
    static boolean isConnectionLost(Throwable failure) {
        if (httpStatus(failure) != null || causedBy(failure, JsonProcessingException.class)
                || causedBy(failure, ConnectException.class) || causedBy(failure, SSLException.class)) {
            return false;
        }
        return causedBy(failure, HttpClosedException.class) || causedBy(failure, StreamResetException.class)
                || causedBy(failure, Http2Exception.class) || causedBy(failure, IOException.class)
                || (causedBy(failure, VertxException.class) && String.valueOf(rootMessage(failure)).contains("closed"));
    }

    /**
     * What the circuit breaker counts: signs that the producer as a whole cannot serve anyone now. A
     * timeout, a connection that cannot be made or keeps being lost, a gateway or availability error.
     * Not counted: a 400 (our request), a 500 or a body outside the contract, and a 429: that is the
     * producer's quota, which pauses the quota's permits for its Retry-After, not the producer for everyone.
     * Those come back promptly about one request (often one company's record), so opening the breaker
     * would save no waiting and would turn one company's fault into everyone's.
     */
    static boolean isProducerUnavailable(Throwable failure) {
        Integer status = httpStatus(failure);
        if (status != null) {
            return status == 502 || status == 503 || status == 504;
        }
        // A full bulkhead is our own overload, not the producer's state.
        return !(failure instanceof InvalidProducerAnswerException) && !(failure instanceof BulkheadException)
                && !causedBy(failure, JsonProcessingException.class);
    }

    /** True when the failure is an HTTP answer with this status (e.g. 404 = the producer does not know the company). */
    public static boolean hasStatus(Throwable failure, int status) {
        Integer actual = httpStatus(failure);
        return actual != null && actual == status;
    }

    /** What the producer's error body says, as far as its client can read it; null when there is nothing to read. */
    private String errorDetail(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                try {
                    String body = web.getResponse().readEntity(String.class);
                    return body == null || body.isBlank() ? null : errorBodyDetail.apply(body);
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Integer httpStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                return web.getResponse().getStatus();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
