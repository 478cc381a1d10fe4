package se.companydata.gateway.priming;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import se.companydata.gateway.config.GatewayConfig;

/**
 * Lookups of the priming identity sent by the gateway to its own API over mutual TLS on loopback,
 * so the whole server path (TLS handshakes and records, HTTP, filters, registry, audit trail, JSON
 * writer) is compiled before the first caller. They are real requests: the gateway calls as the
 * consumer its certificate names, registered like any other, and the audit trail records them.
 * Every tenth call opens a new connection, so handshakes are exercised as well.
 */
@ApplicationScoped
class SelfCalls {

    /** Calls in flight at once: enough to use both event loops, few enough for a cold JVM. */
    private static final int CONCURRENCY = 8;

    private final GatewayConfig.Priming.SelfCalls config;
    private final TlsConfigurationRegistry tls;
    private final Vertx vertx;

    SelfCalls(GatewayConfig config, TlsConfigurationRegistry tls, Vertx vertx) {
        this.config = config.priming().selfCalls();
        this.tls = tls;
        this.vertx = vertx;
    }

    boolean configured() {
        return config.tlsConfigurationName().isPresent() && config.service().isPresent();
    }

    /** Sends the calls to the API on {@code port} and waits for them (on the priming thread); what happened. */
    String run(String identity, int port, Duration timeout) {
        String name = config.tlsConfigurationName().orElseThrow();
        TlsConfiguration client = tls.get(name).orElseThrow(() -> new IllegalStateException(
                "gateway.priming.self-calls.tls-configuration-name names no TLS configuration '" + name + "'"));
        // Loopback to our own port: the chain is verified, the host name (localhost) is not what the server certificate names.
        HttpClientOptions options = new HttpClientOptions().setSsl(true).setVerifyHost(false).setKeyCertOptions(client.getKeyStoreOptions())
                .setTrustOptions(client.getTrustStoreOptions()).setDefaultHost("localhost").setDefaultPort(port);
        HttpClient keepAlive = vertx.createHttpClient(options.setMaxPoolSize(CONCURRENCY));
        HttpClient handshakes = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false));
        String body = "{\"identity\":\"" + identity + "\"}";
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<String> refused = new AtomicReference<>();
        List<Future<Void>> chains = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            chains.add(chain(keepAlive, handshakes, body, next, answered, refused));
        }
        try {
            Future.join(chains).toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return answered.get() + " self-calls answered, then " + e;
        } finally {
            keepAlive.close();
            handshakes.close();
        }
        return answered.get() + " self-calls answered" + (refused.get() == null ? "" : ", first refusal: " + refused.get());
    }

    private Future<Void> chain(HttpClient keepAlive, HttpClient handshakes, String body, AtomicInteger next, AtomicInteger answered,
                               AtomicReference<String> refused) {
        int n = next.getAndIncrement();
        if (n >= config.calls() || refused.get() != null) {
            return Future.succeededFuture();
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/lookup")
                .putHeader("Content-Type", "application/json").putHeader("X-Service-Name", config.service().orElseThrow());
        return (n % 10 == 9 ? handshakes : keepAlive).request(request)
                .compose(r -> r.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> {
                    if (response.statusCode() == 200) {
                        answered.incrementAndGet();
                    } else {
                        refused.compareAndSet(null, response.statusCode() + " " + answer);
                    }
                    return null;
                }))
                .transform(done -> {
                    if (done.failed()) {
                        refused.compareAndSet(null, done.cause().toString());
                    }
                    return chain(keepAlive, handshakes, body, next, answered, refused);
                });
    }
}
