package se.companydata.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;

@QuarkusTest
class MutualTlsTest extends SandboxTest {

    private static final JsonNode COMPANY_ENTRY = TestRegister.ordinary("AB").get(40);
    private static final String COMPANY = TestRegister.id(COMPANY_ENTRY);

    @Test
    void theHandshakeRefusesAnExpiredCertificate() {
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext("consumer-expired")).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/lookup"))
                .header("Content-Type", "application/json").header("X-Service-Name", SERVICE)
                .POST(HttpRequest.BodyPublishers.ofString(body(COMPANY))).timeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void aCertificateOfAnotherCaIsNotEvenOfferedAndGetsThe401() throws Exception {
        // The handshake names the CAs the gateway trusts; a client holding only another CA's certificate sends none.
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext("consumer-untrusted")).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/lookup"))
                .header("Content-Type", "application/json").header("X-Service-Name", SERVICE)
                .POST(HttpRequest.BodyPublishers.ofString(body(COMPANY))).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("client-certificate-required").doesNotContain("items");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST, /api/v1/lookup", "POST, /ssbtgu/v2", "GET, /ssbtgu/v2?wsdl", "GET, /api/v1/connection",
            "POST, /sandbox/scb/api/Je/HamtaForetag", "MX1, /api/v1/lookup", "GET, /q/dev-ui/"})
    void aCallerWithoutACertificateIsToldWhatToPresentAndNothingElse(String method, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContextWithoutCertificate())
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Content-Type", "application/json").header("X-Service-Name", SERVICE)
                .method(method, HttpRequest.BodyPublishers.ofString(body(COMPANY))).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Connection")).as("no session without a trusted certificate").hasValue("close");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:company-data-gateway:problem:client-certificate-required");
        assertThat(problem.path("detail").asText()).contains("client certificate").contains("GET /api/v1/connection");
        assertThat(response.body()).doesNotContain("items").doesNotContain("Exempelby").doesNotContain("SERVTILLSTBV");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void theApiPortSpeaksNoPlainHttpAndTheManagementPortServesNoApi() {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/lookup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(COMPANY))).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = plain.send(request, HttpResponse.BodyHandlers.ofString());
            // If the TLS port answers plain HTTP at all, it is with an error, never with data.
            assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(response.body()).doesNotContain("items");
        } catch (IOException | InterruptedException refused) {
            // The usual outcome: the TLS port closes a plain-text connection.
        }
        assertThat(sandbox.totalCalls()).isZero();
        management().contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "consumer-exempelby,  LIVSMBV,  2120009010",   // serialNumber, 10 digits
            "consumer-provkoping, FOLKOLBV, 2120009028",   // serialNumber, 16 + 10 digits
            "consumer-testhamn,   LIVSMBV,  2120009036",   // organizationIdentifier NTRSE-
    })
    void everyOrganisationsnummerLocationIsAccepted(String certificate, String service, String organisationsnummer) {
        given().config(TestPki.restAssured(certificate)).header("X-Service-Name", service)
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001")).when().post("/api/v1/lookup")
                .then().statusCode(200).body("items.UD0001.value", equalTo(COMPANY_ENTRY.path("namn").asText()));
        // The number read from each form is the registered one; an unknown service name shows which it was.
        given().config(TestPki.restAssured(certificate)).header("X-Service-Name", "UNKNOWNBV")
                .contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup")
                .then().statusCode(403).body("detail", startsWith("e-service 'UNKNOWNBV' is not registered for organisation " + organisationsnummer + ";"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "consumer-no-orgnr  | the certificate subject holds no organisationsnummer (serialNumber with 10 or 16+10 digits, or organizationIdentifier NTRSE-<10 digits>)",
            "consumer-bad-check | the certificate subject's organisationsnummer 2120009011 has check digit 1; the Luhn check digit for its first nine digits is 0",
            "consumer-two-orgnr | the certificate subject names more than one organisation (serialNumber 2120009010, serialNumber 2120009028): it is ambiguous",
            "consumer-disagreeing | the certificate subject names more than one organisation (serialNumber 2120009010, organizationIdentifier NTRSE-2120009036): it is ambiguous",
    })
    void aTrustedCertificateWithoutAUsableOrganisationsnummerIsRefused(String certificate, String detail) {
        given().config(TestPki.restAssured(certificate)).contentType(ContentType.JSON).body(body(COMPANY))
                .when().post("/api/v1/lookup")
                .then().statusCode(403).contentType("application/problem+json").body("detail", equalTo(detail));
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void aCertificateRevokedInTheSandboxCasCrlIsRefused() {
        // The sandbox checks revocation as production does, hard-fail, from the dev CA's CRL file (tools/dev-pki.sh).
        given().config(TestPki.restAssured("consumer-revoked")).contentType(ContentType.JSON).body(body(COMPANY))
                .when().post("/api/v1/lookup")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:company-data-gateway:problem:certificate-revoked"))
                .body("detail", containsString("KEY_COMPROMISE"));
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void aNameInTheWrongCaseIsToldTheRegisteredSpelling() {
        given().config(TestPki.restAssured("consumer-exempelby")).header("X-Service-Name", "servtillstbv")
                .contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("names are case-sensitive: did you mean SERVTILLSTBV?"))
                .body("detail", containsString("its registered e-services: "))
                .body("detail", containsString("DEMOSERVERING")).body("detail", containsString("LIVSMBV"))
                .body("detail", containsString("GET /api/v1/connection"));
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void unregisteredPairsAreRefusedWithoutRevealingOtherConsumers() {
        // LIVSMBV is registered, but to other organisations: the answer is the same as for a name nobody has.
        given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "LIVSMBV")
                .contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("e-service 'LIVSMBV' is not registered for organisation 2120009028; its registered e-services: "
                        + "FOLKOLBV, RATELIMITBV (the self-test, GET /api/v1/connection, shows the registration and each e-service's items)"));
        given().config(TestPki.restAssured("consumer-unregistered")).header("X-Service-Name", "LIVSMBV")
                .contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup")
                .then().statusCode(403)
                .body("detail", startsWith("organisation 2120009044 (from the client certificate) has no registered e-service;"))
                .body("detail", not(containsString("FOLKOLBV")));
        given().config(TestPki.restAssured("consumer-exempelby")).header("X-Service-Name", " ")
                .contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup")
                .then().statusCode(400).body("detail", equalTo("name your registered e-service (tjänstenamn) in the X-Service-Name header"));
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void itemsOutsideTheEntitlementAreNeverDisclosed() {
        // Testhamn's LIVSMBV may receive UD0001 only.
        JsonPath asked = given().config(TestPki.restAssured("consumer-testhamn")).header("X-Service-Name", "LIVSMBV")
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001", "UD0003", "UD0029")).when().post("/api/v1/lookup")
                .then().statusCode(200).extract().jsonPath();
        assertThat(asked.getString("items.UD0001.value")).isNotNull();
        for (String refused : new String[] {"UD0003", "UD0029"}) {
            assertThat(asked.getString("items." + refused + ".value")).isNull();
            assertThat(asked.getString("items." + refused + ".error.type")).isEqualTo("EjBehorig");
            assertThat(asked.getString("items." + refused + ".error.source")).isEqualTo("Formedlare");
        }
        assertThat(sandbox.callCounts()).as("refused items are not even fetched").containsOnlyKeys("bolagsverket");

        JsonPath byDefault = given().config(TestPki.restAssured("consumer-testhamn")).header("X-Service-Name", "LIVSMBV")
                .contentType(ContentType.JSON).body(body(COMPANY)).when().post("/api/v1/lookup")
                .then().statusCode(200).extract().jsonPath();
        assertThat(byDefault.getMap("items")).containsOnlyKeys("UD0001");
    }

    @Test
    void aRequestForOnlyRefusedItemsAsksNoProducer() {
        given().config(TestPki.restAssured("consumer-testhamn")).header("X-Service-Name", "LIVSMBV")
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0003", "UD0047")).when().post("/api/v1/lookup")
                .then().statusCode(200)
                .body("items.UD0003.error.type", equalTo("EjBehorig"))
                .body("items.UD0047.error.type", equalTo("EjBehorig"))
                .body("producers.size()", equalTo(0));
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void aFullerAnswerInTheCacheNeverReachesANarrowerCaller() {
        JsonNode company = TestRegister.ordinary("AB").get(41);
        lookup(body(TestRegister.id(company))).statusCode(200);   // Exempelby SERVTILLSTBV: every item, now cached

        String narrow = given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "FOLKOLBV")
                .contentType(ContentType.JSON).body(body(TestRegister.id(company))).when().post("/api/v1/lookup")
                .then().statusCode(200).extract().asString();
        JsonPath answer = JsonPath.from(narrow);
        assertThat(answer.getMap("items")).containsOnlyKeys("UD0001", "UD0029");
        assertThat(answer.getBoolean("producers.Bolagsverket.fromCache")).isTrue();
        assertThat(narrow).doesNotContain(company.path("postadress").path("utdelningsadress").asText())
                .doesNotContain(company.path("verksamhetsbeskrivning").asText())
                .doesNotContain(company.path("arbetsstallen").get(0).path("cfarNummer").asText());
    }

    @Test
    void aConsumerOverItsRateLimitGets429WithRetryAfter() {
        // RATELIMITBV: 0.5 requests per second, burst 2.
        for (int i = 0; i < 2; i++) {
            given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "RATELIMITBV")
                    .contentType(ContentType.JSON).body(body(COMPANY, "UD0001")).when().post("/api/v1/lookup")
                    .then().statusCode(200);
        }
        given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "RATELIMITBV")
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001")).when().post("/api/v1/lookup")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", equalTo("2"))
                .body("detail", equalTo("e-service RATELIMITBV of organisation 2120009028 may make 0.5 requests per second (burst 2); retry in 2 s"));
        // Another e-service of the same organisation has its own bucket.
        given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "FOLKOLBV")
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001")).when().post("/api/v1/lookup")
                .then().statusCode(200);
    }
}
