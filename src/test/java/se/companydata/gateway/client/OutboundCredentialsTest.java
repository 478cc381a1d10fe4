package se.companydata.gateway.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.client.bolagsverket.BolagsverketAccessToken;

/** How the gateway proves itself to producers: its own organisation certificate, and at Bolagsverket an OAuth2 token. */
@QuarkusTest
class OutboundCredentialsTest extends SandboxTest {

    private static final String GATEWAY_ORGNR = "5599000014";

    @Inject
    BolagsverketAccessToken token;

    @Test
    void everyProducerSeesTheGatewaysCertificateAndBolagsverketItsBearerToken() {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(50));
        lookup(body(company, "UD0001", "UD0002", "UD0009", "UD0029")).statusCode(200)
                .body("producers.values().status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("OK")));
        for (String endpoint : List.of("bolagsverket", "scb-foretag", "scb-arbetsstallen", "skatteverket")) {
            assertThat(sandbox.lastClient(endpoint)).as(endpoint).isEqualTo(GATEWAY_ORGNR);
        }
        assertThat(sandbox.lastAuthorization("bolagsverket")).matches("Bearer [0-9a-f-]{36}");
        assertThat(sandbox.lastAuthorization("scb-foretag")).isEqualTo("none");
    }

    @Test
    void oneTokenServesManyConcurrentLookupsAndIsRenewedBeforeItExpires() throws InterruptedException {
        // Connections first, as a running service has them: each concurrent call has its own (HTTP/1.1), and
        // twenty cold TLS handshakes at once can outlast the test profile's 500 ms timeout. Tokens are the subject.
        List<CompletableFuture<HttpResponse<String>>> warm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warm.add(lookupAsync(body(TestRegister.id(TestRegister.ordinary("AB").get(90 + i)), "UD0001")));
        }
        warm.forEach(CompletableFuture::join);
        cache.invalidateAll();
        breakers.resetAll();
        sandbox.reset();
        token.reject();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(lookupAsync(body(TestRegister.id(TestRegister.ordinary("AB").get(60 + i)), "UD0001")));
        }
        answers.forEach(a -> assertThat(a.join().body()).contains("\"value\""));
        assertThat(sandbox.tokenRequests()).as("one token fetch for 20 concurrent lookups").isEqualTo(1);

        // Test tokens live 4 s and are renewed 2 s before expiry, judged in whole seconds (the OIDC client's
        // granularity): 3.1 s later the token is still valid but the next call fetches a new one.
        Thread.sleep(3_100);
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(81)), "UD0001")).statusCode(200);
        assertThat(sandbox.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsReplacedWithinTheSameLookup() {
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(82)), "UD0001")).statusCode(200);
        sandbox.revokeTokens();
        long tokenCalls = sandbox.tokenRequests();
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(83)), "UD0001")).statusCode(200)
                .body("items.UD0001.value", org.hamcrest.Matchers.notNullValue());
        assertThat(sandbox.tokenRequests()).isEqualTo(tokenCalls + 1);
    }

    @Test
    void theSimulatedProducersRefuseCallersThatAreNotTheGateway() {
        // A consumer's certificate is trusted by the server but is not the gateway's organisation.
        given().config(TestPki.restAssured("consumer-exempelby")).contentType(ContentType.JSON)
                .body("{\"identitetsbeteckning\":\"5560360793\"}").when().post("/sandbox/skatteverket/v1/registreringar")
                .then().statusCode(403);
        // The gateway's certificate without a token is not enough at Bolagsverket.
        given().config(TestPki.restAssured("gateway")).contentType(ContentType.JSON)
                .body("{\"identitetsbeteckning\":\"5560360793\"}").when().post("/sandbox/bolagsverket/organisationer")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        // Wrong client credentials get no token.
        given().config(TestPki.restAssured("gateway")).auth().preemptive().basic("company-data-gateway", "wrong")
                .formParam("grant_type", "client_credentials").formParam("scope", "vardefulla-datamangder:read")
                .when().post("/sandbox/bolagsverket/oauth2/token")
                .then().statusCode(401).body("error", org.hamcrest.Matchers.equalTo("invalid_client"));
    }
}
