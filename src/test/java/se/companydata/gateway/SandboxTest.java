package se.companydata.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
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
    protected CircuitBreakerMaintenance breakers;

    @ConfigProperty(name = "quarkus.http.test-port")
    protected int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startClean() {
        sandbox.reset();
        cache.invalidateAll();
        breakers.resetAll();
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

    /** A lookup sent without waiting, for tests of concurrent callers. */
    protected CompletableFuture<HttpResponse<String>> lookupAsync(String json) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/lookup"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
