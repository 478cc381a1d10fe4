package se.companydata.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.generated.client.ApiClient;
import se.companydata.gateway.generated.client.ApiException;
import se.companydata.gateway.generated.client.api.CompanyLookupApi;
import se.companydata.gateway.generated.client.api.ConnectionSelfTestApi;
import se.companydata.gateway.generated.client.model.LookupRequestBody;
import se.companydata.gateway.generated.client.model.LookupResponse;
import se.companydata.gateway.generated.client.model.Problem;

/**
 * The JSON API as a platform uses it with a client generated from the API document (docs/openapi.json, the OpenAPI
 * Generator's Java client, in the test build): over mutual TLS, an answer read into its generated types, and a
 * refusal read as a typed problem.
 */
@QuarkusTest
class GeneratedJsonClientTest extends SandboxTest {

    private static final JsonNode COMPANY = TestRegister.ordinary("AB").get(11);

    private ApiClient client(String certificate) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return new ApiClient(HttpClient.newBuilder().sslContext(TestPki.sslContext(certificate)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)), json, "https://localhost:" + port);
    }

    @Test
    void aLookupThroughTheGeneratedClient() throws Exception {
        LookupResponse answer = new CompanyLookupApi(client("consumer-exempelby"))
                .lookup(SERVICE, new LookupRequestBody().identity(TestRegister.id(COMPANY)).items(List.of("UD0001", "UD0029")));
        assertThat(answer.getItems()).containsOnlyKeys("UD0001", "UD0029");
        assertThat(answer.getItems().get("UD0001").getValue()).isEqualTo(COMPANY.path("namn").asText());
        assertThat(answer.getTransactionId()).isNotBlank();
    }

    @Test
    void aRefusalReadAsATypedProblem() throws Exception {
        ApiClient client = client("consumer-exempelby");
        ApiException refused = (ApiException) catchThrowable(() -> new CompanyLookupApi(client)
                .lookup("UNKNOWNBV", new LookupRequestBody().identity(TestRegister.id(COMPANY))));
        assertThat(refused.getCode()).isEqualTo(403);
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("urn:company-data-gateway:problem:consumer-not-registered");
        assertThat(problem.getStatus()).isEqualTo(403);
        assertThat(problem.getDetail()).contains("its registered e-services");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void theSelfTestThroughTheGeneratedClient() throws Exception {
        var report = new ConnectionSelfTestApi(client("consumer-exempelby")).connectionSelfTest(SERVICE);
        assertThat(report.getReady()).isTrue();
        assertThatThrownBy(() -> new ConnectionSelfTestApi(client("consumer-expired")).connectionSelfTest(SERVICE))
                .as("an expired certificate: refused in the handshake, as for any client").isInstanceOf(ApiException.class);
    }
}
