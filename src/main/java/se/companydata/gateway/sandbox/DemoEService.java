package se.companydata.gateway.sandbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import se.companydata.gateway.security.ConsumerAuthorization;

/**
 * A small municipal e-service in the sandbox — "Ansökan om serveringstillstånd" — whose form fills
 * itself in from the gateway. Its page (plain HTML and a little JavaScript, no CDN) is served on its
 * own plain-HTTP port; its server side ({@code POST /prefill}) calls the gateway's own API over mutual
 * TLS as a registered e-service, with use area IndirektAteranvandning and the signed-in person as
 * {@code anvandare}: no shortcut into the service layer, so what the page shows is what a real
 * e-service platform gets.
 */
@ApplicationScoped
public class DemoEService {

    private static final Logger LOG = Logger.getLogger(DemoEService.class);

    /** What the form asks for: the applicant company, its addresses and contacts, tax registrations, signatory rule; for a sole trader the owner. */
    static final List<String> ITEMS = List.of("UD0001", "UD0025", "UD0003", "UD0040", "UD0004", "UD0006", "UD0029", "UD0031",
            "UD0033", "UD0045", "UD0020", "UD0023");
    /** The page's three files, read once: nothing is read from the jar on the event loop. */
    private static final Map<String, String> PAGES = Map.of("/", resource("demo/index.html"), "/demo.js", resource("demo/demo.js"),
            "/demo.css", resource("demo/demo.css"));
    private static final Map<String, String> TYPES = Map.of("/", "text/html", "/demo.js", "text/javascript", "/demo.css", "text/css");

    private final DemoConfig config;
    private final TlsConfigurationRegistry tls;
    private final Vertx vertx;
    private HttpClient api;
    private HttpServer server;

    DemoEService(DemoConfig config, TlsConfigurationRegistry tls, Vertx vertx) {
        this.config = config;
        this.tls = tls;
        this.vertx = vertx;
    }

    /** Once the API listens: the demo's server side calls it there. */
    void start(@ObservesAsync HttpsServerStart event) throws Exception {
        if (config.port().isEmpty()) {
            return;
        }
        TlsConfiguration client = tls.get(config.tlsConfigurationName()).orElseThrow(() -> new IllegalStateException(
                "gateway.demo needs TLS configuration '" + config.tlsConfigurationName() + "' with a registered consumer's certificate"));
        // Loopback to our own port: the chain is verified; the server certificate names localhost among others.
        api = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(false).setKeyCertOptions(client.getKeyStoreOptions())
                .setTrustOptions(client.getTrustStoreOptions()).setDefaultHost("localhost").setDefaultPort(event.options().getPort()));
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port().get()))
                .requestHandler(this::handle).listen().toCompletionStage().toCompletableFuture().get();
        LOG.infof("Demo e-service (sandbox): http://%s:%d/", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
            api.close();
        }
    }

    private void handle(HttpServerRequest request) {
        String page = PAGES.get(request.path());
        if (request.method() == HttpMethod.GET && page != null) {
            request.response().putHeader("Content-Type", TYPES.get(request.path()) + "; charset=utf-8")
                    .putHeader("Content-Security-Policy", "default-src 'self'").end(page);
        } else if (request.method() == HttpMethod.POST && request.path().equals("/prefill")) {
            request.body().onSuccess(body -> prefill(request, body)).onFailure(e -> answer(request, 400, error("the request could not be read")));
        } else {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("not found\n");
        }
    }

    /** The page's question, passed to the API as a lookup; the API's answer (or problem) goes back unchanged. */
    private void prefill(HttpServerRequest request, Buffer body) {
        JsonObject asked;
        try {
            asked = body.toJsonObject();
        } catch (DecodeException e) {
            answer(request, 400, error("the request is not JSON"));
            return;
        }
        JsonObject user = asked.getJsonObject("user", new JsonObject());
        JsonObject lookup = new JsonObject().put("identity", asked.getString("identity", "")).put("items", new JsonArray(ITEMS))
                .put("anvandningsomrade", "IndirektAteranvandning")
                .put("anvandare", new JsonObject().put("personnummer", user.getString("personnummer")).put("namn", user.getString("namn")));
        Object lopnummer = asked.getValue("namnskyddslopnummer");
        if (lopnummer != null) {
            lookup.put("namnskyddslopnummer", lopnummer);
        }
        api.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/lookup")
                        .putHeader("Content-Type", "application/json").putHeader(ConsumerAuthorization.SERVICE_HEADER, config.service()))
                .compose(call -> call.send(lookup.toBuffer()).compose(response -> response.body()
                        .map(answer -> new JsonObject().put("status", response.statusCode()).put("answer", answer.toJsonObject()))))
                .onSuccess(result -> answer(request, 200, result))
                .onFailure(e -> answer(request, 502, error("the gateway could not be reached: " + e.getMessage())));
    }

    private static JsonObject error(String detail) {
        return new JsonObject().put("status", 0).put("answer", new JsonObject().put("detail", detail));
    }

    private static void answer(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static String resource(String name) {
        try (InputStream in = DemoEService.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
