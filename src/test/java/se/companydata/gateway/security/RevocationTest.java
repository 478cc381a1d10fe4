package se.companydata.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;

/**
 * Revocation of consumer certificates against a real OCSP responder ({@code openssl ocsp}) and CRLs served over
 * HTTP, both on loopback ({@link RevocationPki}): revoked, good, responder down (hard- and soft-fail), stale CRL,
 * and a CRL file an operator mounts; on the JSON API, on SOAP and in the self-test.
 */
@QuarkusTest
@WithTestResource(RevocationPki.class)
class RevocationTest extends SandboxTest {

    private static final String COMPANY = TestRegister.id(TestRegister.ordinary("AB").get(7));

    @ParameterizedTest
    @ValueSource(strings = {"ocsp-good", "crl-good", "file-good"})
    void aCertificateTheCaVouchesForGetsItsAnswer(String certificate) {
        // Every producer here is a test server answering 503: what is under test is the caller's certificate.
        lookupAs(certificate).statusCode(200).body("items.UD0001", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ocsp-revoked", "crl-revoked", "file-revoked", "soft-revoked"})
    void aRevokedCertificateIsRefusedWithTheDateAndReason(String certificate) {
        lookupAs(certificate).statusCode(403).contentType("application/problem+json")
                .body("type", endsWith(":certificate-revoked"))
                .body("detail", containsString("was revoked on"))
                .body("detail", containsString("KEY_COMPROMISE"))
                .body("detail", containsString("/api/v1/connection"));

        JsonPath report = selfTestAs(certificate);
        assertThat(report.getBoolean("ready")).isFalse();
        assertThat(report.getBoolean("trust.trusted")).isFalse();
        assertThat(report.getString("trust.problem")).isEqualTo("REVOKED");
        assertThat(report.getString("trust.revokedAt")).startsWith(String.valueOf(Year.now().getValue()));
        assertThat(report.getString("registration")).as("no registry detail to a revoked certificate").isNull();
    }

    @Test
    void aResponderThatIsDownRefusesUnderHardFail() {
        lookupAs("ocsp-down").statusCode(403).body("type", endsWith(":certificate-revocation-status-unknown"))
                .body("detail", containsString("cannot be established"))
                .body("detail", containsString("refuses a certificate whose revocation status it cannot establish"));

        JsonPath report = selfTestAs("ocsp-down");
        assertThat(report.getString("trust.problem")).isEqualTo("UNKNOWN_REVOCATION_STATUS");
        assertThat(report.getString("trust.explanation")).as("why: the responder could not be reached").containsIgnoringCase("network");
    }

    @Test
    void aStaleCrlIsNoAnswer() {
        lookupAs("crl-stale").statusCode(403).body("type", endsWith(":certificate-revocation-status-unknown"));
        assertThat(selfTestAs("crl-stale").getString("trust.problem")).isEqualTo("UNKNOWN_REVOCATION_STATUS");
    }

    @Test
    void aResponderThatIsDownIsAcceptedUnderSoftFailAndSaidSo() {
        lookupAs("soft-down").statusCode(200);

        JsonPath report = selfTestAs("soft-down");
        assertThat(report.getBoolean("trust.trusted")).isTrue();
        assertThat(report.getString("trust.revocation")).isEqualTo("UNKNOWN");
        assertThat(report.getString("trust.explanation")).contains("soft-fail");
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_certificate_revocation_checks_total{certificate=\"client\",verdict=\"UNKNOWN\"}"));
    }

    @Test
    void aRevokedCertificateGetsAServicefelOnSoap() throws Exception {
        String envelope = Files.readString(Path.of("docs/ssbtgu-request.xml"));
        given().config(TestPki.restAssuredWithKeyStore(RevocationPki.p12("ocsp-revoked")))
                .contentType("text/xml; charset=UTF-8").header("SOAPAction", "\"urn:GetForetagsuppgifter\"").body(envelope)
                .when().post("/ssbtgu/v2").then().statusCode(500)
                .body(containsString("EjBehorig")).body(containsString("was revoked on"));
    }

    @Test
    void theStatusIsAskedOnceAndKept() {
        lookupAs("ocsp-good").statusCode(200);
        double checked = goodChecks();
        assertThat(checked).as("checks that found a certificate good").isPositive();
        for (int i = 0; i < 5; i++) {
            lookupAs("ocsp-good").statusCode(200);
        }
        assertThat(goodChecks()).as("checks after five more lookups with the same certificate").isEqualTo(checked);
    }

    @Test
    void aProducerWhoseServerCertificateIsRevokedIsNotCalled() throws IOException {
        JsonPath answer = given().config(TestPki.restAssuredWithKeyStore(RevocationPki.p12("ocsp-good"))).header("X-Service-Name", SERVICE)
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001", "UD0024", "UD0029")).when().post("/api/v1/lookup")
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.getString("items.UD0029.error.type")).as("Skatteverket's item").isEqualTo("OtillgangligUppgiftskalla");
        assertThat(RevocationPki.requestsTo("producer-revoked")).as("requests that reached the server with the revoked certificate")
                .isZero();
        assertThat(RevocationPki.requests("producer-good")).as("requests that reached the server whose certificate is good")
                .anyMatch(request -> request.startsWith("POST /scb"));
        // Checked in the handshake and waited for there (off the event loop): revoked at once, not "unknown yet".
        assertThat(checks("producer", "REVOKED")).isPositive();
        assertThat(checks("producer", "GOOD")).isPositive();
        assertThat(checks("producer", "UNKNOWN")).isZero();
    }

    @Test
    void bolagsverketsTokenEndpointIsCheckedBeforeItGetsTheClientSecret() throws IOException {
        // The token endpoint's certificate is of the hard-fail CA and its own: its status must be established (off the
        // event loop) before the client secret is sent, or the first token request would be refused as "unknown".
        given().config(TestPki.restAssuredWithKeyStore(RevocationPki.p12("ocsp-good"))).header("X-Service-Name", SERVICE)
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001")).when().post("/api/v1/lookup").then().statusCode(200);

        assertThat(RevocationPki.requests("token-endpoint")).as("the token request, with the client's Basic credentials")
                .contains("POST /oauth2/token Basic");
        assertThat(RevocationPki.requests("producer-good")).as("then Bolagsverket's data call, with the token")
                .anyMatch(request -> request.matches("POST /bolagsverket/\\S+ Bearer"));
        assertThat(checks("producer", "UNKNOWN")).isZero();
    }

    private double goodChecks() {
        return checks("client", "GOOD");
    }

    private double checks(String certificate, String verdict) {
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = "gateway_certificate_revocation_checks_total{certificate=\"" + certificate + "\",verdict=\"" + verdict + "\"}";
        return metrics.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private ValidatableResponse lookupAs(String certificate) {
        return given().config(TestPki.restAssuredWithKeyStore(RevocationPki.p12(certificate))).header("X-Service-Name", SERVICE)
                .contentType(ContentType.JSON).body(body(COMPANY, "UD0001")).when().post("/api/v1/lookup").then();
    }

    private JsonPath selfTestAs(String certificate) {
        return given().config(TestPki.restAssuredWithKeyStore(RevocationPki.p12(certificate))).header("X-Service-Name", SERVICE)
                .when().get("/api/v1/connection").then().statusCode(200).extract().jsonPath();
    }
}
