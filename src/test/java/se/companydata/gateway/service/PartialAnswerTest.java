package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.client.ProducerBreaker.State;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/** A producer that is down, slow or garbled costs its own items, never the request. */
@QuarkusTest
class PartialAnswerTest extends SandboxTest {

    private static final String[] ONE_ITEM_EACH = {"UD0001", "UD0002", "UD0029"};

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
            "BOLAGSVERKET, ERROR,       UD0001, OtillgangligUppgiftskalla",
            "BOLAGSVERKET, UNAVAILABLE, UD0001, OtillgangligUppgiftskalla",
            "BOLAGSVERKET, RESET,       UD0001, OtillgangligUppgiftskalla",
            "BOLAGSVERKET, GARBAGE,     UD0001, OgiltigtSvar",
            "BOLAGSVERKET, TIMEOUT,     UD0001, Timeout",
            "BOLAGSVERKET, SLOW,        UD0001, Timeout",
            "SCB,          ERROR,       UD0002, OtillgangligUppgiftskalla",
            "SCB,          RESET,       UD0002, OtillgangligUppgiftskalla",
            "SCB,          GARBAGE,     UD0002, OgiltigtSvar",
            "SCB,          TIMEOUT,     UD0002, Timeout",
            "SKATTEVERKET, UNAVAILABLE, UD0029, OtillgangligUppgiftskalla",
            "SKATTEVERKET, GARBAGE,     UD0029, OgiltigtSvar",
            "SKATTEVERKET, SLOW,        UD0029, Timeout",
    })
    void aFailingProducerGivesAPartialAnswer(SandboxProducer producer, Fault fault, String itsItem, String errorType) {
        JsonNode company = TestRegister.ordinary("AB").get(10);
        sandbox.fault(producer, fault);

        JsonPath answer = lookup(body(TestRegister.id(company), ONE_ITEM_EACH)).statusCode(200).extract().jsonPath();

        assertThat(answer.getString("items." + itsItem + ".error.type")).isEqualTo(errorType);
        assertThat(answer.getString("items." + itsItem + ".error.source")).isEqualTo("Formedlare");
        assertThat(answer.getString("items." + itsItem + ".value")).isNull();
        for (String other : ONE_ITEM_EACH) {
            if (!other.equals(itsItem)) {
                assertThat(answer.getString("items." + other + ".value")).as(other).isNotNull();
                assertThat(answer.getString("items." + other + ".error")).as(other).isNull();
            }
        }
        String producerName = answer.getString("items." + itsItem + ".producer");
        assertThat(answer.getString("producers." + producerName + ".status")).isEqualTo(errorType);
    }

    @Test
    void reservedIdentitiesCarryTheirOwnFaults() {
        JsonNode resetting = TestRegister.withFault("bolagsverket", "RESET");
        lookup(body(TestRegister.id(resetting), ONE_ITEM_EACH)).statusCode(200)
                .body("items.UD0001.error.type", org.hamcrest.Matchers.equalTo("OtillgangligUppgiftskalla"))
                .body("items.UD0002.value.code", org.hamcrest.Matchers.notNullValue());
        JsonNode allDown = TestRegister.first(c -> c.path("sandboxFaults").size() == 3);
        lookup(body(TestRegister.id(allDown), ONE_ITEM_EACH)).statusCode(200)
                .body("producers.values().status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("OtillgangligUppgiftskalla")));
    }

    @Test
    void aSlowProducerIsCutAtItsTimeoutNotAtTheSlowAnswer() {
        sandbox.fault(SandboxProducer.SKATTEVERKET, Fault.SLOW);
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(11)), ONE_ITEM_EACH)).statusCode(200)
                .body("items.UD0029.error.description", org.hamcrest.Matchers.equalTo("Skatteverket did not answer within 500 ms"))
                .body("items.UD0001.value", org.hamcrest.Matchers.notNullValue());
        // The sandbox's SLOW answer comes 2 s after the call: the caller had the answer before it was sent.
        assertThat(sandbox.calls("skatteverket")).isEqualTo(1);
        assertThat(sandbox.slowAnswers()).as("slow answers already sent when the lookup was answered").isZero();
    }

    @Test
    void aLostConnectionIsRepeatedTwiceA503OnceA500Never() {
        JsonNode company = TestRegister.ordinary("AB").get(12);
        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.RESET);
        lookup(body(TestRegister.id(company), "UD0001")).statusCode(200);
        assertThat(sandbox.calls("bolagsverket")).as("lost connection: repeated at once, twice").isEqualTo(3);

        // Each phase starts with a closed breaker: three failing phases in a row would otherwise open it.
        sandbox.reset();
        breakers.resetAll();
        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.ERROR);
        lookup(body(TestRegister.id(company), "UD0001")).statusCode(200);
        assertThat(sandbox.calls("bolagsverket")).isEqualTo(1);

        sandbox.reset();
        breakers.resetAll();
        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.UNAVAILABLE);
        lookup(body(TestRegister.id(company), "UD0001")).statusCode(200);
        assertThat(sandbox.calls("bolagsverket")).as("503 says come back: retried once").isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"ERROR", "GARBAGE"})
    void promptAnswersAboutOneRequestDoNotOpenTheBreaker(Fault fault) {
        JsonNode company = TestRegister.ordinary("HB").get(1);
        sandbox.fault(SandboxProducer.BOLAGSVERKET, fault);
        for (int i = 0; i < 8; i++) {
            lookup(body(TestRegister.id(company), "UD0001")).statusCode(200).body("items.UD0001.error.description",
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("circuit breaker")));
        }
        assertThat(breakers.state(Producer.Bolagsverket)).isEqualTo(State.CLOSED);
        assertThat(sandbox.calls("bolagsverket")).as("every lookup reached the producer").isEqualTo(8);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndClosesAfterRecovery() throws InterruptedException {
        // The test profile's window is 4 attempts; a 503 is retried once, so two companies answered 503 are 4 failed attempts.
        List<JsonNode> companies = TestRegister.ordinary("HB").subList(0, 2);
        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.UNAVAILABLE);
        for (JsonNode company : companies) {
            assertThat(breakers.state(Producer.Bolagsverket)).isEqualTo(State.CLOSED);
            lookup(body(TestRegister.id(company), "UD0001")).statusCode(200).body("items.UD0001.error.type",
                    org.hamcrest.Matchers.equalTo("OtillgangligUppgiftskalla"));
        }
        assertThat(breakers.state(Producer.Bolagsverket)).as("open after as many attempts as the window holds").isEqualTo(State.OPEN);

        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.NONE);
        JsonNode company = companies.get(0);
        long callsBefore = sandbox.calls("bolagsverket");
        lookup(body(TestRegister.id(company), "UD0001")).statusCode(200)
                .body("items.UD0001.error.description", org.hamcrest.Matchers.containsString("circuit breaker is open"));
        assertThat(sandbox.calls("bolagsverket")).as("an open breaker does not call the producer").isEqualTo(callsBefore);

        // The test profile's breaker delay is 1 s; then one trial call succeeds and closes it.
        Thread.sleep(1_100);
        lookup(body(TestRegister.id(company), "UD0001")).statusCode(200)
                .body("items.UD0001.value", org.hamcrest.Matchers.equalTo(company.path("namn").asText()));
        assertThat(breakers.state(Producer.Bolagsverket)).isEqualTo(State.CLOSED);
    }

    @Test
    void oneCompanyFailingOverAndOverDoesNotOpenTheBreaker() {
        // One company cannot tell "the producer is down" from "this record fails": its repeats are one entry.
        JsonNode failing = TestRegister.ordinary("HB").get(0);
        sandbox.fault(SandboxProducer.BOLAGSVERKET, Fault.UNAVAILABLE);
        for (int i = 0; i < 8; i++) {
            lookup(body(TestRegister.id(failing), "UD0001")).statusCode(200).body("items.UD0001.error.description",
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("circuit breaker")));
        }
        assertThat(breakers.state(Producer.Bolagsverket)).isEqualTo(State.CLOSED);
        assertThat(breakers.of(Producer.Bolagsverket).window()).isEqualTo("2 of 2 attempts failed, over the last 1 questions");
    }
}
