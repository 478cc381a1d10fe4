package se.companydata.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/** After traffic, the management port's Prometheus endpoint shows what operators watch. */
@QuarkusTest
class MetricsTest extends SandboxTest {

    @Test
    void trafficShowsUpInPrometheusMetrics() {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(110));
        lookup(body(company, "UD0001", "UD0029")).statusCode(200);
        lookup(body(company, "UD0001", "UD0029")).statusCode(200);   // a cache hit
        sandbox.fault(SandboxProducer.SCB, Fault.ERROR);
        lookup(body(company, "UD0002")).statusCode(200);
        for (int i = 0; i < 3; i++) {
            given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "RATELIMITBV")
                    .contentType(ContentType.JSON).body(body(company, "UD0001")).when().post("/api/v1/lookup");
        }

        String metrics = management().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/api/v1/lookup\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"429\"[^}]*uri=\"/api/v1/lookup\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/lookup\"")
                .containsPattern("gateway_producer_calls_seconds_count\\{outcome=\"OK\",producer=\"Bolagsverket\"")
                .containsPattern("gateway_producer_calls_seconds_count\\{outcome=\"OtillgangligUppgiftskalla\",producer=\"SCB\"")
                .containsPattern("gateway_producer_calls_seconds_bucket\\{")
                .containsPattern("gateway_producer_circuit_breaker_state\\{producer=\"SCB\"\\} [012]\\.0")
                .containsPattern("cache_gets_total\\{cache=\"producer-answers\",result=\"hit\"\\} [1-9]")
                .containsPattern("cache_gets_total\\{cache=\"producer-answers\",result=\"miss\"\\} [1-9]")
                .containsPattern("cache_size\\{cache=\"producer-answers\"\\} [1-9]")
                .containsPattern("gateway_rate_limit_refusals_total\\{organisationsnummer=\"2120009028\",tjanstenamn=\"RATELIMITBV\"\\} [1-9]")
                .containsPattern("gateway_audit_commit_seconds_count [1-9]")
                .containsPattern("gateway_audit_batch_size_count [1-9]")
                // Complete and partial (SCB's 500) lookups, by the domain's definition.
                .containsPattern("gateway_lookups_total\\{outcome=\"complete\"\\} [1-9]")
                .containsPattern("gateway_lookups_total\\{outcome=\"partial\"\\} [1-9]");
    }
}
