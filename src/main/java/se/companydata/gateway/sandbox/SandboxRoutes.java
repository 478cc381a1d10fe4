package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Serves the simulated producers under {@code /sandbox/<producer>} on the gateway's own HTTP server,
 * behind the same wire contracts the real producers have, so the gateway's clients take the real
 * network path. Registered only when {@code gateway.sandbox.enabled} is true.
 */
@ApplicationScoped
public class SandboxRoutes {

    private static final Logger LOG = Logger.getLogger(SandboxRoutes.class);

    private final SandboxConfig config;
    private final SandboxControl control;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final IdleConnections idleConnections = new IdleConnections();

    SandboxRoutes(SandboxConfig config, SandboxControl control, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.control = control;
        this.json = json;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        SandboxRegister register = SandboxRegister.load(config.register(), json);
        var bolagsverket = new BolagsverketSimulator(register);
        var scb = new ScbSimulator(register);
        var skatteverket = new SkatteverketSimulator(register);
        router.route("/sandbox/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        producer(router, "/sandbox/bolagsverket/organisationer", SandboxProducer.BOLAGSVERKET, "bolagsverket", bolagsverket::organisationer);
        producer(router, "/sandbox/bolagsverket/foretagsinformation/v4/organisationsinformation", SandboxProducer.BOLAGSVERKET,
                "bolagsverket-foretagsinformation", bolagsverket::organisationsinformation);
        producer(router, "/sandbox/scb/api/Je/HamtaForetag", SandboxProducer.SCB, "scb-foretag", scb::hamtaForetag);
        producer(router, "/sandbox/scb/api/Ae/HamtaArbetsstallen", SandboxProducer.SCB, "scb-arbetsstallen", scb::hamtaArbetsstallen);
        producer(router, "/sandbox/skatteverket/v1/registreringar", SandboxProducer.SKATTEVERKET, "skatteverket", skatteverket::registrering);
        router.post("/sandbox/bolagsverket/oauth2/token").handler(this::token);
        // Liveness as Bolagsverket offers it: GET /isalive with a token of scope vardefulla-datamangder:ping. SCB has no such
        // endpoint; Skatteverket's (our own contract) needs no token.
        router.get("/sandbox/bolagsverket/isalive").handler(ctx -> {
            if (!hasValidToken(ctx.request().getHeader("Authorization"), SandboxControl.PING_SCOPE)) {
                ctx.response().setStatusCode(401).putHeader("Content-Type", "text/plain").end("Unauthorized");
            } else {
                ctx.response().putHeader("Content-Type", "text/plain").end("OK");
            }
        });
        router.get("/sandbox/skatteverket/isalive").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("OK"));
        router.put("/sandbox/admin/producers/:producer").handler(this::setBehaviour);
        router.delete("/sandbox/admin/producers").handler(ctx -> {
            control.reset();
            ctx.response().setStatusCode(204).end();
        });
        // Idle connections are looked at ten times a second: close enough to any configured idle-close.
        vertx.setPeriodic(100, id -> idleConnections.closeIdle());
        router.get("/sandbox/admin/calls").handler(ctx -> writeJson(ctx.response(), 200, "application/json", control.callCounts()));
        router.get("/sandbox/admin/quotas").handler(ctx -> writeJson(ctx.response(), 200, "application/json", control.quotaCounts()));
        router.get("/sandbox/admin/connections").handler(ctx -> writeJson(ctx.response(), 200, "application/json", control.connectionCounts()));
        LOG.infof("Sandbox producers serve %d fictitious register entries under /sandbox", register.all().size());
    }

    private void producer(Router router, String path, SandboxProducer producer, String endpoint,
                          Function<JsonNode, SimulatedAnswer> simulator) {
        // Bolagsverket's two APIs: Företagsinformation takes its own token scope, and the register's reserved faults are VDM's.
        boolean foretagsinformation = endpoint.endsWith("foretagsinformation");
        String scope = foretagsinformation ? SandboxControl.FORETAGSINFORMATION_SCOPE : SandboxControl.READ_SCOPE;
        String faultKey = foretagsinformation ? "foretagsinformation" : producer.key();
        router.post(path).handler(ctx -> {
            var behaviour = control.behaviour(producer);
            HttpConnection connection = ctx.request().connection();
            control.recordConnection(producer, connection);
            if (!behaviour.idleClose().isZero()) {
                if (!idleConnections.admit(connection, behaviour.idleClose())) {
                    control.recordIdleDrop();
                    return;
                }
                ctx.addEndHandler(ended -> idleConnections.finished(connection));
            }
            String client = clientOrganisationsnummer(ctx);
            String authorization = ctx.request().getHeader("Authorization");
            control.recordCall(endpoint, ctx.request().getHeader("X-Request-Id"), client, authorization, ctx.request().getHeader("X-Api-Key"));
            // Like the real producers: only the gateway's organisation certificate, and at Bolagsverket a valid token.
            if (!config.acceptedClient().equals(client)) {
                write(ctx, error(producer, 403, "Forbidden", "Klientcertifikatet tillhör inte en ansluten organisation."));
                return;
            }
            if (producer == SandboxProducer.BOLAGSVERKET && !hasValidToken(authorization, scope)) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                write(ctx, error(producer, 401, "Unauthorized", "Anroparen saknar giltiga autentiseringsuppgifter."));
                return;
            }
            // The producer's quota per client credential, as the real API gateways keep it.
            SandboxQuota.Verdict verdict = control.quota(producer).admit(client, System.nanoTime());
            if (!verdict.allowed()) {
                ctx.response().putHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
                write(ctx, error(producer, 429, "Too Many Requests", "Anropskvoten är förbrukad."));
                return;
            }
            JsonNode request;
            try {
                request = json.readTree(ctx.body().asString());
            } catch (Exception e) {
                request = null;
            }
            if (request == null || !request.isObject()) {
                writeJson(ctx.response(), 400, "application/problem+json",
                        Map.of("title", "Bad Request", "status", 400, "detail", "Begäran är inte ett JSON-objekt."));
                return;
            }
            SimulatedAnswer answer = simulator.apply(request);
            Fault fault = answer.subject() != null
                    ? answer.subject().sandboxFaults().getOrDefault(faultKey, behaviour.fault())
                    : behaviour.fault();
            long delay = behaviour.latency().toMillis() + (behaviour.jitter().isZero() ? 0
                    : ThreadLocalRandom.current().nextLong(behaviour.jitter().toMillis() + 1));
            if (fault == Fault.SLOW) {
                delay += config.slowDelay().toMillis();
            }
            after(ctx, delay, () -> respond(ctx, producer, fault, answer));
        });
    }

    private void respond(RoutingContext ctx, SandboxProducer producer, Fault fault, SimulatedAnswer answer) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        switch (fault) {
            case NONE -> writeJson(response, answer.status(), answer.contentType(), answer.body());
            case SLOW -> {
                control.recordSlowAnswer();
                writeJson(response, answer.status(), answer.contentType(), answer.body());
            }
            case ERROR -> write(ctx, producer == SandboxProducer.BOLAGSVERKET
                    ? error(producer, 500, "Internal Server Error", "Ett ohanterat fel har uppstått.")
                    : error(producer, 500, "Internal Server Error", "Simulated producer failure."));
            case UNAVAILABLE -> writeJson(response, 503, "application/problem+json",
                    Map.of("title", "Service Unavailable", "status", 503, "detail", "Simulated maintenance."));
            case GARBAGE -> response.setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end("<html><body>502 Proxy Error</body></html>{\"organisationer\":[");
            case RESET -> ctx.request().connection().close();
            case ABORT -> abort(ctx, answer);
            case GOAWAY -> {
                if (ctx.request().version() == HttpVersion.HTTP_2) {
                    // GOAWAY now; streams already in flight (this one too) finish, then the connection closes.
                    ctx.request().connection().shutdown(5, TimeUnit.SECONDS);
                } else {
                    response.putHeader("Connection", "close");
                }
                writeJson(response, answer.status(), answer.contentType(), answer.body());
            }
            case TIMEOUT -> ctx.vertx().setTimer(config.hangTimeout().toMillis(), id -> ctx.request().connection().close());
        }
    }

    /** Status, headers and the first half of the body go out; then the connection is closed mid-answer. */
    private void abort(RoutingContext ctx, SimulatedAnswer answer) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer.body());
        } catch (Exception e) {
            body = new byte[0];
        }
        ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType())
                .putHeader("Content-Length", String.valueOf(body.length))
                .write(Buffer.buffer(body).slice(0, body.length / 2))
                .onComplete(written -> ctx.request().connection().close());
    }

    /** Each producer's own error body: Bolagsverket's ApiError, a problem body for the others. */
    private static SimulatedAnswer error(SandboxProducer producer, int status, String title, String detail) {
        return producer == SandboxProducer.BOLAGSVERKET
                ? BolagsverketSimulator.apiError(status, status >= 500 ? "server.error" : "client.error", title, detail)
                : SimulatedAnswer.problem(status, title, detail);
    }

    private void write(RoutingContext ctx, SimulatedAnswer answer) {
        writeJson(ctx.response(), answer.status(), answer.contentType(), answer.body());
    }

    private static void after(RoutingContext ctx, long millis, Runnable action) {
        if (millis <= 0) {
            action.run();
        } else {
            ctx.vertx().setTimer(millis, id -> action.run());
        }
    }

    /** OAuth2 client credentials (RFC 6749 §4.4) with HTTP Basic client authentication. */
    private void token(RoutingContext ctx) {
        String client = clientOrganisationsnummer(ctx);
        control.recordTokenRequest();
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((config.oauth2().clientId() + ":"
                + config.oauth2().clientSecret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!config.acceptedClient().equals(client) || !expected.equals(ctx.request().getHeader("Authorization"))) {
            writeJson(ctx.response(), 401, "application/json", Map.of("error", "invalid_client"));
        } else if (!"client_credentials".equals(ctx.request().getFormAttribute("grant_type"))) {
            writeJson(ctx.response(), 400, "application/json", Map.of("error", "unsupported_grant_type"));
        } else {
            // Only the scopes asked for, of those the API has; a token of one scope does not open the other's resources.
            Set<String> scopes = new TreeSet<>(List.of(String.valueOf(ctx.request().getFormAttribute("scope")).split(" ")));
            scopes.retainAll(Set.of(SandboxControl.READ_SCOPE, SandboxControl.PING_SCOPE, SandboxControl.FORETAGSINFORMATION_SCOPE));
            if (scopes.isEmpty()) {
                writeJson(ctx.response(), 400, "application/json", Map.of("error", "invalid_scope"));
                return;
            }
            Duration lifetime = config.oauth2().tokenLifetime();
            writeJson(ctx.response(), 200, "application/json", Map.of("access_token", control.issueToken(lifetime, scopes),
                    "token_type", "Bearer", "expires_in", lifetime.toSeconds(), "scope", String.join(" ", scopes)));
        }
    }

    private boolean hasValidToken(String authorization, String scope) {
        return authorization != null && authorization.startsWith("Bearer ") && control.isValidToken(authorization.substring(7), scope);
    }

    private static String clientOrganisationsnummer(RoutingContext ctx) {
        try {
            var certificates = ctx.request().sslSession() == null ? null : ctx.request().sslSession().getPeerCertificates();
            if (certificates != null && certificates.length > 0 && certificates[0] instanceof java.security.cert.X509Certificate x509) {
                return se.companydata.gateway.security.CertificateOrganisationsnummer.of(x509);
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException | se.companydata.gateway.security.CertificateOrganisationsnummer.UnusableCertificateException e) {
            return null;
        }
        return null;
    }

    private void setBehaviour(RoutingContext ctx) {
        try {
            SandboxProducer producer = SandboxProducer.fromKey(ctx.pathParam("producer"));
            JsonNode body = json.readTree(ctx.body().asString());
            var current = control.behaviour(producer);
            Fault fault = body.hasNonNull("fault") ? Fault.valueOf(body.get("fault").asText()) : current.fault();
            Duration latency = body.hasNonNull("latencyMs") ? Duration.ofMillis(body.get("latencyMs").asLong()) : current.latency();
            Duration jitter = body.hasNonNull("jitterMs") ? Duration.ofMillis(body.get("jitterMs").asLong()) : current.jitter();
            Duration idleClose = body.hasNonNull("idleCloseMs") ? Duration.ofMillis(body.get("idleCloseMs").asLong()) : current.idleClose();
            control.set(producer, new SandboxControl.Behaviour(fault, latency, jitter, idleClose));
            writeJson(ctx.response(), 200, "application/json", control.behaviour(producer));
        } catch (Exception e) {
            writeJson(ctx.response(), 400, "application/problem+json", Map.of("title", "Bad Request", "status", 400,
                    "detail", "producer is one of bolagsverket, scb, skatteverket; body {\"fault\": one of "
                            + java.util.Arrays.toString(Fault.values()) + ", \"latencyMs\": n, \"jitterMs\": n, \"idleCloseMs\": n}"));
        }
    }

    private void writeJson(HttpServerResponse response, int status, String contentType, Object body) {
        try {
            response.setStatusCode(status).putHeader("Content-Type", contentType).end(json.writeValueAsString(body));
        } catch (Exception e) {
            response.setStatusCode(500).end();
        }
    }
}
