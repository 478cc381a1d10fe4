package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;
import se.companydata.gateway.domain.UseAreaNotApprovedException;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * A caller with its own time budget (SSBTGU {@code TTL}) waits no longer than that, also when it is
 * collapsed onto a load another caller started; the load itself goes on for the others and the cache.
 */
@QuarkusTest
class CallerDeadlineTest extends SandboxTest {

    @Inject
    LookupService service;

    @Test
    void aCollapsedCallerWaitsWithItsOwnBudgetNotTheFirstCallersDeadline() {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(120));
        // 400 ms: inside the test profile's 500 ms producer timeout, so the first caller gets its answer.
        sandbox.latency(SandboxProducer.BOLAGSVERKET, Duration.ofMillis(400));

        CompletableFuture<LookupResult> patient = service.lookup(request(company, null)).subscribeAsCompletionStage().toCompletableFuture();
        LookupResult hurried = service.lookup(request(company, Duration.ofMillis(100))).await().atMost(Duration.ofSeconds(5));
        assertThat(patient).as("the hurried caller left while the shared load was still on its way").isNotDone();

        ItemResult name = hurried.items().get(0);
        assertThat(name.error()).isNotNull();
        assertThat(name.error().type()).isEqualTo(ErrorType.Timeout);
        assertThat(name.error().description()).isEqualTo("Bolagsverket did not answer within the caller's time budget (100 ms)");

        LookupResult whole = patient.join();
        assertThat(whole.items().get(0).value()).as("the load went on for the first caller").isNotNull();
        assertThat(sandbox.calls("bolagsverket")).as("one producer call for both callers").isEqualTo(1);
    }

    @Test
    void aBudgetLongerThanTheConfiguredDeadlineChangesNothing() {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(121));
        LookupResult result = service.lookup(request(company, Duration.ofMinutes(5))).await().atMost(Duration.ofSeconds(5));
        assertThat(result.items().get(0).value()).isNotNull();
    }

    @Test
    void aUseAreaTheEServiceIsNotApprovedForIsRefusedBeforeAnyProducerIsAsked() {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(122));
        var refused = new LookupRequest(CompanyId.parse(company, null), Set.of(UdItem.UD0001), "tx-use-area", Set.of(UdItem.UD0001),
                Set.of(UseArea.IndirektAteranvandning), UseArea.DirektAteranvandning, null, null);
        assertThatThrownBy(() -> service.lookup(refused).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(UseAreaNotApprovedException.class)
                .hasMessage("the e-service is not approved for use area DirektAteranvandning (approved: [IndirektAteranvandning])");
        assertThat(sandbox.totalCalls()).isZero();
    }

    private static LookupRequest request(String company, Duration budget) {
        return new LookupRequest(CompanyId.parse(company, null), Set.of(UdItem.UD0001), "tx-" + budget, Set.of(UdItem.UD0001),
                Set.of(UseArea.IndirektAteranvandning), UseArea.IndirektAteranvandning, null, budget);
    }
}
