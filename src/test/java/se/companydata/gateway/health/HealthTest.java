package se.companydata.gateway.health;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

@QuarkusTest
class HealthTest extends SandboxTest {

    @Test
    void liveAndReady() {
        management().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anOpenProducerBreakerIsReportedButTheGatewayStaysReady() {
        // 503: the producer says it is unavailable, which the breaker counts (a 500 about one request it does not).
        sandbox.fault(SandboxProducer.SCB, Fault.UNAVAILABLE);
        // The producer failing for different companies (one company failing tells nothing of the producer).
        for (int i = 0; i < 4; i++) {
            lookup(body(TestRegister.id(TestRegister.ordinary("KB").get(i)), "UD0002")).statusCode(200);
        }
        management().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'company-lookup' }.data.SCBCircuitBreaker", equalTo("OPEN"))
                .body("checks.find { it.name == 'company-lookup' }.data.BolagsverketCircuitBreaker", equalTo("CLOSED"));
    }
}
