package se.companydata.gateway.security;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.NetClientOptions;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The HTTP client options of every client that calls a producer: its TLS handshakes' tasks (the trust manager
 * among them) run on Vert.x's internal worker threads, not on the event loop, because checking a producer's
 * certificate for revocation ({@link ProducerCertificateRevocation}) may wait on an OCSP responder or a CRL.
 * Registered on each producer's REST client interface with {@code @RegisterProvider}; the TLS configuration
 * (trust, keys, protocols) is set on top of these options by the client from its {@code tls-configuration-name}.
 */
public class OffLoopHandshakes implements ContextResolver<HttpClientOptions> {

    @Override
    public HttpClientOptions getContext(Class<?> type) {
        return new HttpClientOptions().setSslEngineOptions(new JdkSSLEngineOptions().setUseWorkerThread(true));
    }

    /** The same for a plain TCP client to a producer (priming's handshakes). */
    public static NetClientOptions offLoop(NetClientOptions options) {
        return options.setSslEngineOptions(new JdkSSLEngineOptions().setUseWorkerThread(true));
    }
}
