package se.companydata.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.LogCapture;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.client.bolagsverket.BolagsverketAccessToken;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * Everything logged (down to DEBUG for the gateway) during traffic that involves tokens, certificates,
 * a protected person and failing producers: no secret and no protected address may appear, and log
 * lines of a request carry its transaction id.
 */
@QuarkusTest
class LogSecrecyTest extends SandboxTest {

    @Inject
    BolagsverketAccessToken token;

    @Test
    void logsHoldNoSecretsNorProtectedAddressesAndCarryTheTransactionId() throws Exception {
        List<LogCapture.Line> captured;
        try (LogCapture capture = new LogCapture()) {
            JsonNode person = TestRegister.first(c -> c.path("person").path("skyddadIdentitet").asBoolean());
            token.reject();   // a fresh token is fetched: the fetch must not be logged with its secret
            given().header("X-Request-Id", "secrecy-protected").contentType(ContentType.JSON)
                    .body(body(TestRegister.id(person))).when().post("/api/v1/lookup").then().statusCode(200);
            sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.RESET);
            given().header("X-Request-Id", "secrecy-failing").contentType(ContentType.JSON)
                    .body(body(TestRegister.id(TestRegister.ordinary("AB").get(111)), "UD0001")).when().post("/api/v1/lookup")
                    .then().statusCode(200);
            given().config(TestPki.restAssured("consumer-no-orgnr")).contentType(ContentType.JSON)
                    .body(body(TestRegister.id(person))).when().post("/api/v1/lookup").then().statusCode(403);
            captured = capture.lines();
        }

        String bearer = sandbox.lastAuthorization("bolagsverket");
        List<String> secrets = new ArrayList<>(List.of("sandbox-secret", "PRIVATE KEY",
                java.util.Base64.getEncoder().encodeToString("company-data-gateway:sandbox-secret".getBytes())));
        if (bearer.startsWith("Bearer ")) {
            secrets.add(bearer.substring(7));
        }
        for (String keyFile : List.of("consumer-exempelby.key", "server.key", "gateway.key")) {
            secrets.add(Files.readAllLines(TestPki.DIR.resolve(keyFile)).get(1));   // a line of the private key
        }
        JsonNode person = TestRegister.first(c -> c.path("person").path("skyddadIdentitet").asBoolean());
        secrets.add(person.path("person").path("folkbokforingsadress").path("utdelningsadress").asText());
        secrets.add(person.path("postadress").path("utdelningsadress").asText());

        assertThat(captured).as("something was logged").isNotEmpty();
        for (LogCapture.Line line : captured) {
            for (String secret : secrets) {
                assertThat(line.text()).as("log line must not contain a secret").doesNotContain(secret);
            }
        }
        // The failing call is logged (at DEBUG) from inside the request: with the request's transaction id.
        assertThat(captured).anySatisfy(line -> {
            assertThat(line.text()).contains("Bolagsverket call failed");
            assertThat(line.transactionId()).isEqualTo("secrecy-failing");
        });
    }
}
