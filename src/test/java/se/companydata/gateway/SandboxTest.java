package se.companydata.gateway;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.sandbox.SandboxControl;
import se.companydata.gateway.service.AnswerCache;

/**
 * Base of the API tests: every test starts with configured sandbox behaviour, zero call counts,
 * an empty cache and closed circuit breakers, so no test sees another's state.
 */
public abstract class SandboxTest {

    @Inject
    protected SandboxControl sandbox;

    @Inject
    protected AnswerCache cache;

    @Inject
    protected ProducerBreakers breakers;

    /** The consumer most tests ask as: Exempelby kommun's e-service entitled to every item. */
    protected static final String CONSUMER = "consumer-exempelby";
    protected static final String SERVICE = "SERVTILLSTBV";

    @ConfigProperty(name = "quarkus.http.test-ssl-port")
    protected int port;

    @ConfigProperty(name = "quarkus.management.test-port")
    protected int managementPort;

    private final HttpClient http = HttpClient.newBuilder().sslContext(TestPki.sslContext(CONSUMER))
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Whether this application instance has warm producer connections. Quarkus loads test classes per
     * application, so this is per boot. The first mTLS handshakes of a cold JVM can outlast the test
     * profile's short producer timeouts; a running service has its connections already.
     */
    private static boolean connectionsWarm;

    @BeforeEach
    void startClean() {
        if (!connectionsWarm) {
            warmUp();
            connectionsWarm = true;
        }
        sandbox.reset();
        cache.invalidateAll();
        breakers.resetAll();
        // The API answers only over mutual TLS, to a registered (certificate, e-service) pair.
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = port;
        RestAssured.config = TestPki.restAssured(CONSUMER);
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("X-Service-Name", SERVICE).build();
    }

    private void warmUp() {
        String any = TestRegister.id(TestRegister.ordinary("SF").get(1));
        for (int attempt = 0; attempt < 5; attempt++) {
            sandbox.reset();
            cache.invalidateAll();
            breakers.resetAll();
            String answer = lookupAsync(body(any, "UD0001", "UD0002", "UD0029", "UD0034")).join().body();
            if (!answer.contains("\"error\"")) {
                return;
            }
        }
    }

    @AfterEach
    void forgetRequestSpecification() {
        RestAssured.requestSpecification = null;
    }

    /** RestAssured against the plain-HTTP management port (health, OpenAPI). */
    protected RequestSpecification management() {
        return given().baseUri("http://localhost").port(managementPort);
    }

    protected static ValidatableResponse lookup(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/api/v1/lookup").then();
    }

    protected static String body(String identity, String... items) {
        StringBuilder sb = new StringBuilder("{\"identity\":\"").append(identity).append('"');
        if (items.length > 0) {
            sb.append(",\"items\":[");
            for (int i = 0; i < items.length; i++) {
                sb.append(i > 0 ? "," : "").append('"').append(items[i]).append('"');
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    /** The items of a JSON answer missing for want of a producer ({@link ErrorType#isShortfall()}: the domain's definition of partial). */
    protected static List<String> shortfalls(JsonNode answer) {
        List<String> failed = new ArrayList<>();
        answer.path("items").fields().forEachRemaining(item -> {
            JsonNode type = item.getValue().path("error").path("type");
            if (!type.isMissingNode() && ErrorType.valueOf(type.asText()).isShortfall()) {
                failed.add(item.getKey());
            }
        });
        return failed;
    }

    /** A lookup sent without waiting, for tests of concurrent callers. */
    protected CompletableFuture<HttpResponse<String>> lookupAsync(String json) {
        var request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/lookup"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Service-Name", SERVICE)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
