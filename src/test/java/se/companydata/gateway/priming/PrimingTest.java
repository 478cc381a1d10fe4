package se.companydata.gateway.priming;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.SandboxControl;

/**
 * Priming before readiness, with SCB unreachable: the other producers' connections are opened and
 * warmed, the sample is fetched from the producers once and then served from the cache, and the
 * producer that cannot be reached does not keep the gateway out of service. The gateway's calls
 * to its own API are answered.
 */
@QuarkusTest
@TestProfile(PrimingTest.PrimingOn.class)
class PrimingTest {

    static final int CONNECTIONS = 3;
    static final int ROUNDS = 5;
    static final int SELF_CALLS = 30;
    static final String SAMPLE = TestRegister.id(TestRegister.ordinary("AB").get(0));

    public static class PrimingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("gateway.priming.enabled", "true"),
                    Map.entry("gateway.priming.self-calls.calls", String.valueOf(SELF_CALLS)),
                    Map.entry("gateway.priming.connections", String.valueOf(CONNECTIONS)),
                    Map.entry("gateway.priming.rounds", String.valueOf(ROUNDS)),
                    Map.entry("gateway.priming.repetitions", "40"),
                    Map.entry("gateway.priming.identity", SAMPLE),
                    // Nothing listens on port 1: SCB cannot be reached.
                    Map.entry("quarkus.rest-client.scb.url", "https://localhost:1/sandbox/scb"),
                    // A cold JVM's first calls may be slow; this test is about priming, not timeouts.
                    Map.entry("gateway.lookup.deadline", "15s"),
                    Map.entry("gateway.producers.bolagsverket.timeout", "10s"),
                    Map.entry("gateway.producers.skatteverket.timeout", "10s"));
        }
    }

    @Inject
    Priming priming;

    @Inject
    SandboxControl sandbox;

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void primesTheReachableProducersAndBecomesReadyWithoutTheUnreachableOne() throws InterruptedException {
        Response ready = null;
        for (int i = 0; i < 600; i++) {
            boolean primedBefore = priming.done();
            ready = given().baseUri("http://localhost").port(managementPort).when().get("/q/health/ready");
            JsonPath health = ready.jsonPath();
            if (ready.statusCode() == 200) {
                break;
            }
            // Not ready means not primed yet, never anything else in this test.
            assertEquals("DOWN", health.getString("checks.find { it.name == 'priming' }.status"), ready.asString());
            assertTrue(!primedBefore, "readiness was down after priming had finished: " + ready.asString());
            Thread.sleep(100);
        }
        assertEquals(200, ready.statusCode(), ready.asString());
        String outcome = ready.jsonPath().getString("checks.find { it.name == 'priming' }.data.outcome");
        assertTrue(outcome.contains("Bolagsverket: " + CONNECTIONS * ROUNDS + " liveness answers;"), outcome);
        assertTrue(outcome.contains("Skatteverket: " + CONNECTIONS * ROUNDS + " liveness answers;"), outcome);
        // Each of SCB's chains stops at its first failed connection.
        assertTrue(outcome.contains("SCB: 0 liveness answers, " + CONNECTIONS + " failed ("), outcome);
        // SCB's failure makes the answer uncacheable, so the second lookup reaches the producers again: priming stops there.
        assertTrue(outcome.contains("; 2 lookups of the priming identity; its answer rendered 40 times by every adapter;"), outcome);
        // The gateway's own certificate, registered as e-service PRIMING in the test registry, through the whole API.
        assertTrue(outcome.contains("; " + SELF_CALLS + " self-calls answered ("), outcome);
        assertEquals(1L, sandbox.callCounts().get("bolagsverket"), "Bolagsverket asked once, then answered from the cache: "
                + sandbox.callCounts());
    }
}
