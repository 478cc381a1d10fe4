package se.companydata.gateway.client;

import io.quarkus.tls.TlsConfiguration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.security.OffLoopHandshakes;

/**
 * Opens and warms a producer's pooled connections before the gateway reports ready, with calls to a
 * liveness endpoint: {@code connections} chains of calls run at once, so a cold HTTP/1.1 pool opens
 * that many connections (TLS handshakes included); each chain then repeats its call, exercising the
 * client's TLS and HTTP code. Any HTTP answer counts (even a 404): the aim is an open, warm
 * connection, not a verdict on the producer's health. A chain stops at its first failed connection.
 */
public final class ConnectionPriming {

    /** What priming one producer achieved: HTTP answers, failed calls, and the first failure's description. */
    public record Primed(Producer producer, int answered, int failed, String firstFailure) {
    }

    private ConnectionPriming() {
    }

    public static Uni<Primed> prime(Producer producer, Supplier<Uni<?>> liveness, int connections, int rounds) {
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Uni<Boolean> attempt = Uni.createFrom().deferred(liveness).map(ignored -> true)
                .onFailure(WebApplicationException.class).recoverWithItem(true)
                .onFailure().recoverWithItem(failure -> {
                    firstFailure.compareAndSet(null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    return false;
                })
                .invoke(ok -> (ok ? answered : failed).incrementAndGet());
        List<Uni<Void>> chains = new ArrayList<>();
        for (int i = 0; i < Math.max(1, connections); i++) {
            chains.add(chain(attempt, rounds));
        }
        return Uni.join().all(chains).andCollectFailures()
                .map(done -> new Primed(producer, answered.get(), failed.get(), firstFailure.get()));
    }

    /**
     * For a producer without a liveness endpoint whose every request counts against its quota (SCB): {@code connections}
     * TLS handshakes with the producer's own TLS configuration, and no HTTP request. A handshake proves the
     * certificates on both sides are accepted and warms the TLS code; it spends no quota.
     */
    public static Uni<Primed> handshakes(Producer producer, Vertx vertx, TlsConfiguration tls, URI url, int connections) {
        NetClientOptions options = OffLoopHandshakes.offLoop(new NetClientOptions()).setSsl(true).setConnectTimeout(5_000)
                .setHostnameVerificationAlgorithm("HTTPS").setKeyCertOptions(tls.getKeyStoreOptions())
                .setTrustOptions(tls.getTrustStoreOptions());
        NetClient client = vertx.createNetClient(options);
        int port = url.getPort() > 0 ? url.getPort() : 443;
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Uni<Void>> handshakes = new ArrayList<>();
        for (int i = 0; i < Math.max(1, connections); i++) {
            handshakes.add(Uni.createFrom().completionStage(() -> client.connect(port, url.getHost()).toCompletionStage())
                    .flatMap(socket -> Uni.createFrom().completionStage(() -> socket.close().toCompletionStage()))
                    .invoke(() -> answered.incrementAndGet())
                    .onFailure().recoverWithItem(failure -> {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                        return null;
                    }).replaceWithVoid());
        }
        return Uni.join().all(handshakes).andCollectFailures()
                .eventually(() -> Uni.createFrom().completionStage(() -> client.close().toCompletionStage()))
                .map(done -> new Primed(producer, answered.get(), failed.get(), firstFailure.get()));
    }

    private static Uni<Void> chain(Uni<Boolean> attempt, int remaining) {
        if (remaining <= 0) {
            return Uni.createFrom().voidItem();
        }
        return attempt.flatMap(ok -> ok ? chain(attempt, remaining - 1) : Uni.createFrom().voidItem());
    }
}
