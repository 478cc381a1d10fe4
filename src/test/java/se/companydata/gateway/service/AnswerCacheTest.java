package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

@QuarkusTest
class AnswerCacheTest extends SandboxTest {

    @Test
    void aCacheHitMakesNoProducerCall() {
        String id = TestRegister.id(TestRegister.ordinary("AB").get(20));
        lookup(body(id)).statusCode(200).body("producers.values().fromCache", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(false)));
        long calls = sandbox.totalCalls();
        assertThat(calls).isEqualTo(4);

        lookup(body(id)).statusCode(200).body("producers.values().fromCache", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(true)));
        lookup(body(id, "UD0001")).statusCode(200);
        assertThat(sandbox.totalCalls()).isEqualTo(calls);
    }

    @Test
    void anAnswerWithAFailureIsNotCachedSoRecoveryShowsAtOnce() {
        String id = TestRegister.id(TestRegister.ordinary("AB").get(21));
        sandbox.fault(SandboxProducer.SCB, Fault.ERROR);
        lookup(body(id, "UD0001", "UD0002")).statusCode(200).body("items.UD0002.error.type", org.hamcrest.Matchers.equalTo("OtillgangligUppgiftskalla"));

        sandbox.fault(SandboxProducer.SCB, Fault.NONE);
        lookup(body(id, "UD0001", "UD0002")).statusCode(200)
                .body("items.UD0002.value.code", org.hamcrest.Matchers.notNullValue())
                .body("producers.Bolagsverket.fromCache", org.hamcrest.Matchers.is(true))
                .body("producers.SCB.fromCache", org.hamcrest.Matchers.is(false));
    }
}
