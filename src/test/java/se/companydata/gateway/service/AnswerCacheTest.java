package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

@QuarkusTest
class AnswerCacheTest extends SandboxTest {

    @Test
    void aCacheHitMakesNoProducerCall() {
        String id = TestRegister.id(TestRegister.ordinary("AB").get(20));
        lookup(body(id)).statusCode(200).body("producers.values().fromCache", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(false)));
        long calls = sandbox.totalCalls();
        // One call per endpoint: VDM, Företagsinformation, SCB's companies and workplaces, Skatteverket.
        assertThat(calls).isEqualTo(5);

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

    @Test
    void aFailedAnswerHasLeftTheCacheBeforeAnyCallerSeesIt() {
        CompanyId id = CompanyId.parse(TestRegister.id(TestRegister.ordinary("AB").get(22)), null);
        CompletableFuture<ProducerAnswer> producer = new CompletableFuture<>();
        AnswerCache.Lookup first = cache.get(id, Source.SCB_FORETAG, () -> Uni.createFrom().completionStage(producer));
        // A caller that, on seeing the failure, asks again at once (as a second lookup arriving that moment would).
        AtomicReference<AnswerCache.Lookup> again = new AtomicReference<>();
        first.uni().subscribe().with(answer -> again.set(cache.get(id, Source.SCB_FORETAG,
                () -> Uni.createFrom().item(ProducerAnswer.notFound(Source.SCB_FORETAG, "a fresh call")))));
        producer.complete(ProducerAnswer.failed(Source.SCB_FORETAG, ItemError.byGateway(ErrorType.Timeout, "SCB did not answer")));
        assertThat(again.get()).isNotNull();
        assertThat(again.get().fromCache()).as("the failed answer was still in the cache when its caller saw it").isFalse();
        assertThat(again.get().future().join().outcome()).isEqualTo(ProducerAnswer.Outcome.NOT_FOUND);
    }
}
