package se.companydata.gateway.client.bolagsverket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/** The gateway against the sandbox's VDM v1 Bolagsverket and Företagsinformation, end to end. */
@QuarkusTest
class BolagsverketClientTest extends SandboxTest {

    @Inject
    BolagsverketAccessToken token;

    @Test
    void anUnknownCompanyIs404AndLeavesNothingCached() {
        // VDM answers 200 with every block ORGANISATION_FINNS_EJ; SCB an empty list; nobody knows it.
        lookup(body("5560000001", "UD0001", "UD0002")).statusCode(404).contentType("application/problem+json");
        assertThat(sandbox.calls("bolagsverket")).isEqualTo(1);
        assertThat(cache.size()).as("nothing cached of an identity nobody knows").isZero();
        lookup(body("5560000001", "UD0001")).statusCode(404);
        assertThat(sandbox.calls("bolagsverket")).as("asked again, not served from a cache").isEqualTo(2);
        // Every item: SCB's empty workplace list could be a company without workplaces, and says nothing either way.
        lookup(body("5560000001")).statusCode(404);
        assertThat(sandbox.calls("scb-arbetsstallen")).isEqualTo(1);
        assertThat(cache.size()).as("nothing cached of an identity nobody knows").isZero();
    }

    @Test
    void theRegisteredNameIsUd0001NeverAnotherOfItsNames() {
        JsonNode company = TestRegister.first(c -> c.has("andraNamn"));
        lookup(body(TestRegister.id(company), "UD0001")).statusCode(200)
                .body("items.UD0001.value", equalTo(company.path("namn").asText()))
                .body("items.UD0001.producer", equalTo("Bolagsverket"));
    }

    @Test
    void aBlockThatIsScbsDataNamesScb() {
        JsonNode company = TestRegister.ordinary("AB").get(30);
        lookup(body(TestRegister.id(company), "UD0003", "UD0025", "UD0004", "UD0011")).statusCode(200)
                .body("items.UD0003.producer", equalTo("SCB"))
                .body("items.UD0025.producer", equalTo("Bolagsverket"))
                .body("items.UD0004.value", equalTo(company.path("epost").asText()))
                .body("items.UD0004.producer", equalTo("SCB"))
                .body("items.UD0011.value.code", equalTo(company.path("sateskommun").path("kod").asText()))
                .body("items.UD0011.producer", equalTo("SCB"));
        assertThat(sandbox.calls("bolagsverket")).isEqualTo(1);
    }

    @Test
    void fiscalYearSignatoriesOfficersAndSharesComeFromForetagsinformation() {
        JsonNode company = TestRegister.ordinary("AB").get(31);
        lookup(body(TestRegister.id(company), "UD0014", "UD0045", "UD0047", "UD0048")).statusCode(200)
                .body("items.UD0014.value.fromMonth", equalTo(company.path("rakenskapsar").path("fromManad").asText()))
                .body("items.UD0045.value", equalTo(company.path("firmateckning").asText()))
                .body("items.UD0048.value", equalTo(company.path("aktier").asText()))
                .body("items.UD0045.producer", equalTo("Bolagsverket"));
        assertThat(sandbox.calls("bolagsverket-foretagsinformation")).isEqualTo(1);
        assertThat(sandbox.calls("bolagsverket")).as("VDM is not asked for what it does not hold").isZero();
    }

    @Test
    void bolagsverketsApiErrorIsReadIntoTheItemsError() {
        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.ERROR);
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(32)), "UD0001")).statusCode(200)
                .body("items.UD0001.error.type", equalTo("OtillgangligUppgiftskalla"))
                .body("items.UD0001.error.description", containsString("Ett ohanterat fel har uppstått."));
    }

    @Test
    void isaliveTakesAPingTokenAndTheDataTokenDoesNotOpenIt() throws Exception {
        String ping = token.pingAuthorization().await().indefinitely();
        String read = token.authorization().await().indefinitely();
        assertThat(isalive(ping).statusCode()).isEqualTo(200);
        assertThat(isalive(read).statusCode()).isEqualTo(401);
        assertThat(isalive(null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> isalive(String authorization) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.sslContext("gateway")).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/sandbox/bolagsverket/isalive"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
