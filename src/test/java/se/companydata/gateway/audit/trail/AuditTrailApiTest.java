package se.companydata.gateway.audit.trail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.JournalVerifier;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/** Every answer, partial answer and refusal leaves a durable audit record with what was disclosed and withheld. */
@QuarkusTest
class AuditTrailApiTest extends SandboxTest {

    static final Path JOURNAL = Path.of("target/audit-test");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAnsweredLookupIsRecordedWithWhoAskedAndWhatWasDisclosed() throws IOException {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(100));
        String tx = tx();
        given().header("X-Request-Id", tx).contentType(ContentType.JSON).body(body(company, "UD0001", "UD0002"))
                .when().post("/api/v1/lookup").then().statusCode(200);

        JsonNode record = recordOf(tx);
        assertThat(record.path("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(record.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(record.path("callerOrganisationsnummer").asText()).isEqualTo("2120009010");
        assertThat(record.path("tjanstenamn").asText()).isEqualTo(SERVICE);
        assertThat(record.path("certificateSerial").asText()).isNotBlank();
        assertThat(record.path("certificateIssuer").asText()).contains("dev CA");
        assertThat(record.path("company").asText()).isEqualTo(company);
        assertThat(record.path("itemsAsked").toString()).isEqualTo("[\"UD0001\",\"UD0002\"]");
        assertThat(record.path("disclosed").toString())
                .isEqualTo("[{\"item\":\"UD0001\",\"producer\":\"Bolagsverket\"},{\"item\":\"UD0002\",\"producer\":\"SCB\"}]");
        assertThat(record.path("withheld").size()).isZero();
        assertThat(record.path("time").asText()).isNotBlank();
        assertThat(record.path("latencyMillis").isNumber()).isTrue();
    }

    @Test
    void theUseAreaAndOnWhoseBehalfAreRecorded() throws IOException {
        String tx = tx();
        given().header("X-Request-Id", tx).contentType(ContentType.JSON)
                .body("{\"identity\":\"" + TestRegister.id(TestRegister.ordinary("AB").get(104)) + "\",\"items\":[\"UD0001\"],"
                        + "\"anvandningsomrade\":\"IndirektAteranvandning\","
                        + "\"anvandare\":{\"personnummer\":\"198112189876\",\"namn\":\"Anna Exempelsson\"}}")
                .when().post("/api/v1/lookup").then().statusCode(200);
        JsonNode record = recordOf(tx);
        assertThat(record.path("useArea").asText()).isEqualTo("IndirektAteranvandning");
        assertThat(record.path("onBehalfOf").toString())
                .isEqualTo("{\"type\":\"Personnummer\",\"number\":\"198112189876\",\"name\":\"Anna Exempelsson\"}");

        String refused = tx();
        given().header("X-Service-Name", "LIVSMBV").header("X-Request-Id", refused).contentType(ContentType.JSON)
                .body("{\"identity\":\"5560360793\",\"anvandningsomrade\":\"DirektAteranvandning\"}")
                .when().post("/api/v1/lookup").then().statusCode(403);
        JsonNode refusal = recordOf(refused);
        assertThat(refusal.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refusal.path("useArea").asText()).isEqualTo("DirektAteranvandning");
        assertThat(refusal.path("disclosed").size()).isZero();
        assertThat(refusal.path("problem").asText()).contains("not approved for use area DirektAteranvandning");
    }

    @Test
    void aPartialAnswerRecordsWhatWasWithheldAndWhy() throws IOException {
        sandbox.fault(SandboxProducer.SCB, Fault.ERROR);
        String tx = tx();
        given().header("X-Request-Id", tx).contentType(ContentType.JSON)
                .body(body(TestRegister.id(TestRegister.ordinary("AB").get(101)), "UD0001", "UD0002"))
                .when().post("/api/v1/lookup").then().statusCode(200);
        JsonNode record = recordOf(tx);
        assertThat(record.path("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(record.path("withheld").get(0).path("item").asText()).isEqualTo("UD0002");
        assertThat(record.path("withheld").get(0).path("errorType").asText()).isEqualTo("OtillgangligUppgiftskalla");
        assertThat(record.path("disclosed").size()).isEqualTo(1);
    }

    @Test
    void refusalsAreRecordedToo() throws IOException {
        String unregistered = tx();
        given().config(TestPki.restAssured("consumer-unregistered")).header("X-Service-Name", "LIVSMBV").header("X-Request-Id", unregistered)
                .contentType(ContentType.JSON).body(body("5560360793")).when().post("/api/v1/lookup").then().statusCode(403);
        JsonNode refused = recordOf(unregistered);
        assertThat(refused.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("httpStatus").asInt()).isEqualTo(403);
        assertThat(refused.path("callerOrganisationsnummer").asText()).isEqualTo("2120009044");
        assertThat(refused.path("problem").asText()).contains("has no registered e-service");

        String unknown = tx();
        given().header("X-Request-Id", unknown).contentType(ContentType.JSON).body(body("5560360793", "UD0001"))
                .when().post("/api/v1/lookup").then().statusCode(404);
        JsonNode notFound = recordOf(unknown);
        assertThat(notFound.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(notFound.path("company").asText()).isEqualTo("5560360793");

        String outside = tx();
        given().config(TestPki.restAssured("consumer-testhamn")).header("X-Service-Name", "LIVSMBV").header("X-Request-Id", outside)
                .contentType(ContentType.JSON).body(body(TestRegister.id(TestRegister.ordinary("AB").get(102)), "UD0001", "UD0047"))
                .when().post("/api/v1/lookup").then().statusCode(200);
        JsonNode entitlement = recordOf(outside);
        assertThat(entitlement.path("withheld").get(0).path("item").asText()).isEqualTo("UD0047");
        assertThat(entitlement.path("withheld").get(0).path("errorType").asText()).isEqualTo("EjBehorig");
        assertThat(entitlement.path("outcome").asText()).as("a refused item is the truth about it, not a shortfall").isEqualTo("ANSWERED");
    }

    @Test
    void anInvalidServiceNameIsA400RecordedTruncated() throws IOException {
        String tx = tx();
        String huge = "A".repeat(15_000);
        given().header("X-Service-Name", huge).header("X-Request-Id", tx).contentType(ContentType.JSON).body(body("5560360793"))
                .when().post("/api/v1/lookup").then().statusCode(400)
                .body("type", endsWith(":invalid-service-name"))
                .body("detail", equalTo("the e-service name is 15000 characters; a tjänstenamn has at most 255"));
        JsonNode record = recordOf(tx);
        assertThat(record.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(record.path("tjanstenamn").asText()).startsWith("AAAA").endsWith("(invalid, 15000 characters)").hasSizeLessThan(100);
        assertThat(record.toString()).as("the whole record").hasSizeLessThan(1_000);

        String control = tx();
        given().header("X-Service-Name", "SERVTILLST\u0007BV").header("X-Request-Id", control).contentType(ContentType.JSON)
                .body(body("5560360793")).when().post("/api/v1/lookup").then().statusCode(400)
                .body("type", endsWith(":invalid-service-name"));
        assertThat(recordOf(control).path("tjanstenamn").asText()).startsWith("SERVTILLST?BV");
    }

    @Test
    void refusalsOverACertificatesLimitAreCountedNotRecordedOneByOne() throws Exception {
        // At once, over one connection: faster than the limit refills (burst 30, 5/s).
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext("consumer-unregistered")).build();
        Map<String, CompletableFuture<HttpResponse<String>>> sent = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            String tx = tx();
            sent.put(tx, client.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/lookup"))
                    .header("X-Service-Name", "LIVSMBV").header("X-Request-Id", tx).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body("5560360793"))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> recorded = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        for (var answer : sent.entrySet()) {
            HttpResponse<String> response = answer.getValue().join();
            assertThat(response.statusCode()).isIn(403, 429);
            (response.statusCode() == 429 ? limited : recorded).add(answer.getKey());
            if (response.statusCode() == 429) {
                assertThat(response.body()).contains("too-many-refusals");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(limited).as("refusals answered 429 once over the limit").hasSizeGreaterThan(50);
        for (String tx : limited.subList(0, 10)) {
            assertThatThrownBy(() -> recordOf(tx)).as("a refusal over the limit has no record of its own").isInstanceOf(AssertionError.class);
        }
        assertThat(recordOf(recorded.get(0)).path("httpStatus").asInt()).isEqualTo(403);
        management().get("/q/metrics").then().statusCode(200).body(containsString("gateway_refusals_unrecorded_total"));

        // The limit refills: after a pause the next refusal is recorded again.
        Thread.sleep(1_000);
        String again = tx();
        given().config(TestPki.restAssured("consumer-unregistered")).header("X-Service-Name", "LIVSMBV").header("X-Request-Id", again)
                .contentType(ContentType.JSON).body(body("5560360793")).when().post("/api/v1/lookup").then().statusCode(403);
        assertThat(recordOf(again).path("outcome").asText()).isEqualTo("REFUSED");
    }

    @Test
    void anAnswerOfValuesAndTruthsIsCompleteNotPartial() throws IOException {
        // An aktiebolag has no sole trader's name (UD0020) and, this one, no proceedings (UD0027): UppgiftFinnsEj, not a shortfall.
        String tx = tx();
        given().header("X-Request-Id", tx).contentType(ContentType.JSON)
                .body(body(TestRegister.id(TestRegister.ordinary("AB").get(104)), "UD0001", "UD0020", "UD0027"))
                .when().post("/api/v1/lookup").then().statusCode(200)
                .body("items.UD0020.error.type", equalTo("UppgiftFinnsEj"));
        JsonNode record = recordOf(tx);
        assertThat(record.path("withheld").findValuesAsText("errorType")).contains("UppgiftFinnsEj");
        assertThat(record.path("outcome").asText()).isEqualTo("ANSWERED");
    }

    @Test
    void theJournalVerifiesEndToEnd() throws IOException {
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(103)), "UD0001")).statusCode(200);
        VerificationResult result = JournalVerifier.verify(JOURNAL);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.records()).isPositive();
    }

    private static String tx() {
        return "audit-" + UUID.randomUUID();
    }

    /** The record of a transaction, read from the journal files as an operator would. */
    static JsonNode recordOf(String transactionId) throws IOException {
        for (Path file : JournalVerifier.journalFiles(JOURNAL)) {
            for (String line : Files.readAllLines(file)) {
                if (line.contains("\"transactionId\":\"" + transactionId + "\"")) {
                    return JSON.readTree(line).path("record");
                }
            }
        }
        throw new AssertionError("no audit record for " + transactionId + " in " + List.of(JOURNAL));
    }
}
