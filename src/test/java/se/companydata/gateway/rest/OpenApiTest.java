package se.companydata.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;

/**
 * The API document platforms generate clients from (/q/openapi): a server, mutual TLS as its security scheme, an
 * operationId per operation, every problem answer with its problem+json schema, only the project's own types; and
 * Redocly's recommended lint passes on it.
 */
@QuarkusTest
class OpenApiTest extends SandboxTest {

    /** Pinned: a new version may bring new rules. */
    static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final Path DOCUMENT = Path.of("target/openapi/openapi.json");
    private static final Path PUBLISHED = Path.of("docs/openapi.json");

    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        String json = management().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        Files.createDirectories(DOCUMENT.getParent());
        Files.writeString(DOCUMENT, json);
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void thePublishedDocumentIsTheServedOne() throws Exception {
        // docs/openapi.json is what platforms (and GeneratedJsonClientTest) generate clients from: it may not drift.
        JsonNode published = new ObjectMapper().readTree(Files.readString(PUBLISHED));
        assertThat(published).as("docs/openapi.json differs from the document the gateway serves; after a deliberate API change "
                + "copy target/openapi/openapi.json (written by this test) to docs/openapi.json").isEqualTo(document);
    }

    @Test
    void namesItsServerAndMutualTlsAsTheSecurityOfEveryOperation() {
        assertThat(document.at("/servers/0/url").asText()).startsWith("https://");
        assertThat(document.at("/components/securitySchemes/mutualTLS/type").asText()).isEqualTo("mutualTLS");
        assertThat(document.at("/security/0").has("mutualTLS")).isTrue();
        assertThat(document.at("/info/license/name").asText()).isNotEmpty();
    }

    @Test
    void everyOperationHasAnIdAndEveryProblemAnswerItsSchema() {
        List<String> missing = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            if (operation.getValue().path("operationId").asText().isEmpty()) {
                missing.add(name + ": no operationId");
            }
            JsonNode responses = operation.getValue().path("responses");
            for (String status : path.getKey().startsWith("/api/") ? List.of("400", "401") : List.of("401")) {
                if (!responses.has(status)) {
                    missing.add(name + ": no " + status + " answer");
                }
            }
            responses.fields().forEachRemaining(response -> {
                // The SOAP adapter answers in SOAP (a fault) and text; only the JSON API and the 401 are problem+json.
                boolean json = path.getKey().startsWith("/api/") || response.getKey().equals("401");
                if (json && (response.getKey().startsWith("4") || response.getKey().startsWith("5"))) {
                    JsonNode answer = resolve(response.getValue());
                    if (!answer.at("/content/application~1problem+json/schema").isObject()) {
                        missing.add(name + " " + response.getKey() + ": no problem+json schema");
                    }
                }
            });
        }));
        assertThat(missing).isEmpty();
        assertThat(document.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "instance", "transactionId");
    }

    @Test
    void showsOnlyTheProjectsOwnTypes() {
        assertThat(document.at("/components/schemas").fieldNames()).toIterable()
                .doesNotContain("RoutingContext", "Buffer", "AuthProvider", "HttpServerRequest", "Session", "User");
        assertThat(document.toString()).doesNotContain("io.vertx");
    }

    @Test
    void passesRedoclysRecommendedLint() throws Exception {
        assumeTrue(onPath("npx"), "npx (Node.js) is not installed: Redocly's lint cannot run here");
        Process lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--extends=recommended", "--format=stylish", DOCUMENT.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes());
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly finished").isTrue();
        assertThat(lint.exitValue()).as(output).isZero();
        // Node's own deprecation notice may say "warning"; a rule's warning is a line "<line>:<column>  warning  <rule>".
        assertThat(output.lines().filter(line -> line.strip().matches("\\d+:\\d+\\s+(warning|error)\\s.*"))).as(output).isEmpty();
        assertThat(output).contains("Your API description is valid");
    }

    private JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText();
        return ref.isEmpty() ? response : document.at(ref.substring(1));
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
