package se.companydata.gateway.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;
import se.companydata.gateway.security.ConnectionCheck;
import se.companydata.gateway.security.ConsumerAuthorization;

/**
 * The connection self-test's own HTTPS listener ({@code gateway.diagnostics.port}): it asks for a client
 * certificate but does not require or verify one during the handshake, so that it can explain an
 * expired, untrusted or incomplete one instead of failing the connection. It discloses nothing but the
 * caller's own certificate and registration, and never company data.
 * <ul>
 * <li>{@code GET /connection}: JSON;</li>
 * <li>{@code GET /}: plain text, or an HTML page for a browser.</li>
 * </ul>
 * The e-service to check is named in {@code X-Service-Name} or {@code ?service=}.
 */
@ApplicationScoped
public class DiagnosticsServer {

    private static final Logger LOG = Logger.getLogger(DiagnosticsServer.class);

    /** Accepts whatever the client sends: {@link ConnectionCheck} judges it, and no request here discloses anything. */
    private static final X509TrustManager ASK_ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private final ConnectionCheck check;
    private final ObjectMapper json;
    private HttpServer server;

    DiagnosticsServer(ConnectionCheck check, ObjectMapper json) {
        this.check = check;
        this.json = json;
    }

    void start(@Observes StartupEvent event, Vertx vertx, DiagnosticsConfig config, TlsConfigurationRegistry tls) throws Exception {
        if (config.port().isEmpty()) {
            return;
        }
        TlsConfiguration keys = tls.get(config.tlsConfigurationName())
                .orElseThrow(() -> new IllegalStateException("gateway.diagnostics needs TLS configuration '" + config.tlsConfigurationName() + "'"));
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port().get()).setSsl(true)
                .setKeyCertOptions(keys.getKeyStoreOptions()).setTrustOptions(TrustOptions.wrap(ASK_ANY)).setClientAuth(ClientAuth.REQUEST);
        server = vertx.createHttpServer(options).requestHandler(this::handle).listen()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.infof("Connection self-test on https://%s:%d/ (client certificate requested, not required)", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (!request.method().name().equals("GET") || !(path.equals("/") || path.equals("/connection"))) {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("GET / (text or HTML) or GET /connection (JSON): the connection self-test\n");
            return;
        }
        String service = request.getHeader(ConsumerAuthorization.SERVICE_HEADER);
        if (service == null) {
            service = request.getParam("service");
        }
        check.check(ConnectionCheck.presented(request.sslSession()), service).subscribe().with(
                report -> answer(request, path, report),
                failure -> {
                    LOG.errorf("The connection self-test failed: %s", failure.toString());
                    request.response().setStatusCode(500).end();
                });
    }

    private void answer(HttpServerRequest request, String path, ConnectionCheck.Report report) {
        String accept = String.valueOf(request.getHeader("Accept"));
        try {
            if (path.equals("/connection")) {
                request.response().putHeader("Content-Type", "application/json").end(json.writeValueAsString(report));
            } else if (accept.contains("text/html")) {
                request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(ConnectionPage.html(report));
            } else {
                request.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(ConnectionPage.text(report));
            }
        } catch (JsonProcessingException e) {
            request.response().setStatusCode(500).end();
        }
    }
}
