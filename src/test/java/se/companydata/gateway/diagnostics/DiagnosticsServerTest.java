package se.companydata.gateway.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.TestPki;

/**
 * The connection self-test with every development certificate: each gets the right explanation,
 * only about itself. On its own listener (client certificate requested, not required) and, for a
 * caller that gets through TLS, on the API port.
 */
@QuarkusTest
class DiagnosticsServerTest {

    @ConfigProperty(name = "gateway.diagnostics.port")
    int diagnosticsPort;

    @ConfigProperty(name = "quarkus.http.test-ssl-port")
    int apiPort;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> get(SSLContext tls, int port, String path, String service, String accept) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
        if (service != null) {
            request.header("X-Service-Name", service);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode selfTest(String certificate, String service) throws Exception {
        HttpResponse<String> answer = get(TestPki.sslContext(certificate), diagnosticsPort, "/connection", service, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    void aGoodCertificateWithItsRegisteredServiceIsReady() throws Exception {
        JsonNode report = selfTest("consumer-exempelby", "LIVSMBV");
        assertThat(report.path("ready").asBoolean()).isTrue();
        assertThat(report.at("/trust/trusted").asBoolean()).isTrue();
        assertThat(report.at("/organisation/organisationsnummer").asText()).isEqualTo("2120009010");
        assertThat(report.at("/organisation/attribute").asText()).isEqualTo("serialNumber");
        assertThat(report.at("/certificate/subject").asText()).startsWith("SERIALNUMBER=2120009010,CN=Exempelby kommun e-tjanster");
        assertThat(report.at("/certificate/daysLeft").asLong()).isPositive();
        assertThat(report.at("/registration/registered").asBoolean()).isTrue();
        assertThat(report.at("/registration/items").toString()).isEqualTo("[\"UD0001\",\"UD0002\",\"UD0003\",\"UD0025\",\"UD0029\"]");
        assertThat(report.at("/registration/useAreas").toString()).isEqualTo("[\"IndirektAteranvandning\"]");
        assertThat(report.at("/registration/ratePerSecond").asDouble()).isEqualTo(1000.0);
        assertThat(report.at("/registration/rateLimitApplies").asText()).as("no Redis in the test profile")
                .isEqualTo("to this gateway (one replica, nothing shared)");
        assertThat(report.at("/registration/yourRegisteredServices").toString()).isEqualTo("[\"DEMOSERVERING\",\"LIVSMBV\",\"SERVTILLSTBV\"]");
    }

    @Test
    void theSixteenFormAndTheEidasFormAreReadAndNamed() throws Exception {
        JsonNode sixteen = selfTest("consumer-provkoping", "FOLKOLBV");
        assertThat(sixteen.at("/organisation/organisationsnummer").asText()).isEqualTo("2120009028");
        assertThat(sixteen.at("/organisation/attribute").asText()).isEqualTo("serialNumber (16 + organisationsnummer)");
        assertThat(sixteen.at("/organisation/value").asText()).isEqualTo("162120009028");
        assertThat(sixteen.path("ready").asBoolean()).isTrue();
        JsonNode eidas = selfTest("consumer-testhamn", "LIVSMBV");
        assertThat(eidas.at("/organisation/organisationsnummer").asText()).isEqualTo("2120009036");
        assertThat(eidas.at("/organisation/attribute").asText()).isEqualTo("organizationIdentifier (eIDAS, NTRSE-)");
        assertThat(eidas.path("ready").asBoolean()).isTrue();
    }

    @Test
    void certificatesTheApiWouldRefuseAreExplained() throws Exception {
        JsonNode expired = selfTest("consumer-expired", "SERVTILLSTBV");
        assertThat(expired.at("/trust/problem").asText()).isEqualTo("EXPIRED");
        assertThat(expired.at("/trust/explanation").asText()).startsWith("the certificate expired on ");
        assertThat(expired.at("/certificate/daysLeft").asLong()).isNegative();
        assertThat(expired.path("ready").asBoolean()).isFalse();

        JsonNode untrusted = selfTest("consumer-untrusted", "SERVTILLSTBV");
        assertThat(untrusted.at("/trust/problem").asText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(untrusted.at("/trust/explanation").asText()).contains("CN=Some other CA").contains("not among the CAs the gateway trusts");
        // Anyone can make a certificate naming Exempelby's number: an untrusted one learns nothing of its registrations.
        assertThat(untrusted.has("registration")).isFalse();
        assertThat(untrusted.toString()).doesNotContain("SERVTILLSTBV").doesNotContain("UD0001");
        assertThat(expired.has("registration")).isFalse();

        JsonNode incomplete = selfTest("consumer-incomplete", "SERVTILLSTBV");
        assertThat(incomplete.at("/trust/problem").asText()).isEqualTo("INCOMPLETE_CHAIN");
        assertThat(incomplete.at("/trust/explanation").asText())
                .startsWith("the chain ends at CN=Company-data gateway dev sub-CA,O=Development only,C=SE, which was not sent");
        assertThat(incomplete.at("/certificate/chainLength").asInt()).isEqualTo(2);
        assertThat(incomplete.path("nextSteps").toString()).contains("send the whole chain");

        JsonNode serverOnly = selfTest("consumer-wrong-usage", "SERVTILLSTBV");
        assertThat(serverOnly.at("/trust/problem").asText()).isEqualTo("WRONG_KEY_USAGE");
        assertThat(serverOnly.at("/trust/explanation").asText()).contains("does not include client authentication");

        HttpResponse<String> none = get(TestPki.sslContextWithoutCertificate(), diagnosticsPort, "/connection", null, null);
        JsonNode noCertificate = JSON.readTree(none.body());
        assertThat(noCertificate.at("/trust/problem").asText()).isEqualTo("NO_CERTIFICATE");
        assertThat(noCertificate.path("nextSteps").get(0).asText()).contains("present your organisation certificate");
    }

    @Test
    void aCertificateWithoutAUsableOrganisationsnummerSaysWhy() throws Exception {
        JsonNode noNumber = selfTest("consumer-no-orgnr", null);
        assertThat(noNumber.at("/trust/trusted").asBoolean()).isTrue();
        assertThat(noNumber.at("/organisation/noneBecause").asText()).contains("holds no organisationsnummer");
        assertThat(noNumber.has("registration")).isFalse();
        JsonNode badCheck = selfTest("consumer-bad-check", null);
        assertThat(badCheck.at("/organisation/noneBecause").asText()).contains("check digit");
    }

    @Test
    void anUnregisteredPairIsNamedWithoutRevealingOtherConsumers() throws Exception {
        JsonNode unregistered = selfTest("consumer-unregistered", "SERVTILLSTBV");
        assertThat(unregistered.at("/trust/trusted").asBoolean()).isTrue();
        assertThat(unregistered.at("/organisation/organisationsnummer").asText()).isEqualTo("2120009044");
        assertThat(unregistered.at("/registration/registered").asBoolean()).isFalse();
        assertThat(unregistered.at("/registration/explanation").asText()).isEqualTo("e-service SERVTILLSTBV is not registered for organisation 2120009044");
        assertThat(unregistered.at("/registration/yourRegisteredServices").toString()).isEqualTo("[]");
        // Another organisation's e-service: told only that it is not its own, never whose it is or what it may receive.
        JsonNode notTheirs = selfTest("consumer-provkoping", "SERVTILLSTBV");
        assertThat(notTheirs.at("/registration/registered").asBoolean()).isFalse();
        assertThat(notTheirs.toString()).doesNotContain("2120009010").doesNotContain("UD0052");
    }

    @Test
    void aPersonGetsTextOrAPageAndThePortServesNothingElse() throws Exception {
        HttpResponse<String> text = get(TestPki.sslContext("consumer-expired"), diagnosticsPort, "/?service=SERVTILLSTBV", null, null);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text.body()).contains("Ready to call the API:").contains("no (EXPIRED)").contains("Next:");
        HttpResponse<String> page = get(TestPki.sslContext("consumer-exempelby"), diagnosticsPort, "/", "SERVTILLSTBV", "text/html");
        assertThat(page.body()).contains("<table>").contains("ready to call the API").doesNotContain("<script");
        assertThat(get(TestPki.sslContext("consumer-exempelby"), diagnosticsPort, "/api/v1/lookup", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiPortAnswersTheSameForACallerThatGetsThrough() throws Exception {
        HttpResponse<String> good = get(TestPki.sslContext("consumer-exempelby"), apiPort, "/api/v1/connection", "SERVTILLSTBV", null);
        assertThat(good.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(good.body());
        assertThat(report.path("ready").asBoolean()).isTrue();
        assertThat(report.at("/registration/useAreas").toString()).isEqualTo("[\"DirektAteranvandning\",\"IndirektAteranvandning\"]");
        JsonNode unregistered = JSON.readTree(get(TestPki.sslContext("consumer-unregistered"), apiPort, "/api/v1/connection", "SERVTILLSTBV", null).body());
        assertThat(unregistered.path("ready").asBoolean()).isFalse();
        assertThat(unregistered.at("/registration/registered").asBoolean()).isFalse();
        JsonNode noNumber = JSON.readTree(get(TestPki.sslContext("consumer-no-orgnr"), apiPort, "/api/v1/connection", null, null).body());
        assertThat(noNumber.at("/organisation/noneBecause").asText()).contains("holds no organisationsnummer");
    }
}
