package se.companydata.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import se.companydata.gateway.domain.ErrorType;

/**
 * An open-model load: requests are sent at a constant arrival rate whatever the answers do, and
 * each latency is measured from the moment the request was <em>due</em>, so queueing anywhere
 * (client, network, server) shows in the figures instead of silently lowering the rate.
 */
final class OpenLoad {

    /** {@code marked}: counted apart in the outcome (e.g. lookups of a company a producer fails for). */
    record Request(String path, String serviceName, String body, boolean marked) {

        Request(String path, String serviceName, String body) {
            this(path, serviceName, body, false);
        }
    }

    /** What one run measured; latencies in microseconds. */
    static final class Outcome {
        final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong partial = new AtomicLong();
        /** Of the above, answers to marked requests. */
        final AtomicLong okMarked = new AtomicLong();
        final AtomicLong partialMarked = new AtomicLong();
        /** Of the partial answers, those with an item refused for a producer's quota. */
        final AtomicLong quotaRefused = new AtomicLong();
        /** Per second of the run (by completion): answers, failures, partial answers. */
        final AtomicLongArray perSecondAnswers = new AtomicLongArray(600);
        final AtomicLongArray perSecondFailed = new AtomicLongArray(600);
        final AtomicLongArray perSecondPartial = new AtomicLongArray(600);
        /** Per second of the run (by when each request was due): its latencies, for watching a cold start settle. */
        final AtomicReferenceArray<Histogram> perSecondLatency = new AtomicReferenceArray<>(600);
        long sent;
        double seconds;

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return latency.getMaxValue() / 1000.0;
        }

        double achievedRate() {
            return (ok.get() + failed.get()) / seconds;
        }
    }

    private OpenLoad() {
    }

    static Outcome run(Vertx vertx, HttpClient client, int port, double rate, Duration duration, LongFunction<Request> nth)
            throws InterruptedException {
        Outcome outcome = new Outcome();
        long total = Math.max(1, (long) (rate * duration.toMillis() / 1000.0));
        outcome.sent = total;
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong completed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        vertx.setPeriodic(1, timer -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
            while (sent.get() < due) {
                long i = sent.getAndIncrement();
                long intended = start + (long) (i * 1e9 / rate);
                send(client, port, nth.apply(i), intended, start, outcome, () -> {
                    if (completed.incrementAndGet() == total) {
                        done.countDown();
                    }
                });
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(timer);
            }
        });
        boolean finished = done.await(duration.toSeconds() + 120, TimeUnit.SECONDS);
        outcome.seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            outcome.failed.addAndGet(total - completed.get());
        }
        return outcome;
    }

    /**
     * An answer some producer could not contribute to (not items that simply do not exist for the company), JSON or
     * SOAP: an item error of a type {@code ErrorType.isShortfall()} names, the domain's one definition of partial.
     */
    static boolean isPartial(String body) {
        for (ErrorType type : ErrorType.values()) {
            if (type.isShortfall() && (body.contains("\"type\":\"" + type.name() + "\"") || body.contains("Typ=\"" + type.name() + "\""))) {
                return true;
            }
        }
        return false;
    }

    private static void send(HttpClient client, int port, Request request, long intended, long start, Outcome outcome, Runnable finished) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost").setPort(port)
                .setURI(request.path()).putHeader("Content-Type", request.path().startsWith("/ssbtgu/") ? "text/xml" : "application/json")
                .setTimeout(60_000);
        if (request.serviceName() != null) {
            options.putHeader("X-Service-Name", request.serviceName());
        }
        client.request(options)
                .compose(r -> r.send(Buffer.buffer(request.body())))
                .compose(response -> response.body().map(body -> new int[] {response.statusCode(), isPartial(body.toString()) ? 1 : 0,
                        body.toString().contains("s quota (") || body.toString().contains("s quota is exhausted") ? 1 : 0}))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    outcome.latency.recordValue(Math.max(0, (now - intended) / 1000));
                    int due = (int) Math.min(599, Math.max(0, (intended - start) / 1_000_000_000L));
                    Histogram inSecond = outcome.perSecondLatency.get(due);
                    if (inSecond == null) {
                        outcome.perSecondLatency.compareAndSet(due, null, new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 2));
                        inSecond = outcome.perSecondLatency.get(due);
                    }
                    inSecond.recordValue(Math.max(0, (now - intended) / 1000));
                    int second = (int) Math.min(599, (now - start) / 1_000_000_000L);
                    outcome.perSecondAnswers.incrementAndGet(second);
                    if (result.succeeded() && result.result()[0] / 100 == 2) {
                        outcome.ok.incrementAndGet();
                        if (request.marked()) {
                            outcome.okMarked.incrementAndGet();
                        }
                        if (result.result()[2] == 1) {
                            outcome.quotaRefused.incrementAndGet();
                        }
                        if (result.result()[1] == 1) {
                            outcome.partial.incrementAndGet();
                            outcome.perSecondPartial.incrementAndGet(second);
                            if (request.marked()) {
                                outcome.partialMarked.incrementAndGet();
                            }
                        }
                    } else {
                        outcome.failed.incrementAndGet();
                        outcome.perSecondFailed.incrementAndGet(second);
                    }
                    finished.run();
                });
    }
}
