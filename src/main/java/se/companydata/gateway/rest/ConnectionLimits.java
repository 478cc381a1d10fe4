package se.companydata.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;
import se.companydata.gateway.http.Problem;

/**
 * What one connection may hold of the gateway, beyond the limits Quarkus configures itself (streams, header
 * sizes, idle time: application.properties): a request body must arrive within {@code gateway.http.body-timeout}
 * of its headers, and a client may not renegotiate TLS 1.2 (each renegotiation costs the server a handshake).
 */
@ApplicationScoped
public class ConnectionLimits implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(ConnectionLimits.class);

    @ConfigMapping(prefix = "gateway.http")
    public interface HttpLimitsConfig {
        /** How long a request's body may take to arrive after its headers; then 408 and, on HTTP/1.1, the connection is closed. */
        @WithDefault("10s")
        Duration bodyTimeout();
    }

    private final Duration bodyTimeout;
    private final byte[] tooSlow;

    ConnectionLimits(HttpLimitsConfig config, ObjectMapper json) throws JsonProcessingException {
        this.bodyTimeout = config.bodyTimeout();
        this.tooSlow = json.writeValueAsBytes(new Problem("urn:company-data-gateway:problem:request-timeout", "Request Timeout", 408,
                "the request body did not arrive within " + bodyTimeout.toSeconds() + " s of its headers", null, null));
    }

    /** Before the HTTPS server exists: the JDK reads this once, at the first server-side handshake. */
    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (!request.isEnded()) {
                long timer = ctx.vertx().setTimer(bodyTimeout.toMillis(), id -> {
                    if (!request.isEnded() && !ctx.response().ended()) {
                        LOG.infof("A request body to %s did not arrive within %d s of its headers: answered 408", request.path(),
                                bodyTimeout.toSeconds());
                        boolean http1 = request.version() != HttpVersion.HTTP_2;
                        if (http1) {
                            ctx.response().putHeader("Connection", "close");
                        }
                        ctx.response().setStatusCode(408).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Buffer.buffer(tooSlow));
                        if (http1) {
                            request.connection().close();
                        }
                    }
                });
                ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
            }
            ctx.next();
        });
        // A failure after the answer has gone (a chunked body over the limit, which Vert.x answers 413 itself; a
        // stream the caller reset before its answer) can be told to nobody: one line, not Quarkus' ERROR with two stack traces.
        router.route().order(Integer.MIN_VALUE + 3).failureHandler(ctx -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                Throwable failure = ctx.failure();
                LOG.infof("A request to %s failed after its answer had gone or its stream was closed by the caller: %s",
                        ctx.request().path(), failure == null ? "status " + ctx.statusCode() : failure.getClass().getSimpleName() + ": "
                                + failure.getMessage());
            } else {
                ctx.next();
            }
        });
    }
}
