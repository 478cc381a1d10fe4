package se.companydata.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.Deadline;

/** The quota's queue on its own: who gets the next permits, and who is refused at once. */
class ProducerQuotaTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void consumersTakeTurnsSoOnesBurstCannotTakeTheWholeQuota() {
        ProducerQuota quota = quota(2, Duration.ofMillis(300));
        List<String> granted = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            calls.add(call(quota, "A", false, "A" + i, granted));
        }
        for (int i = 1; i <= 2; i++) {
            calls.add(call(quota, "B", false, "B" + i, granted));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        // A's first two found the quota free; then the waiting calls went round by round.
        assertThat(granted).containsExactly("A1", "A2", "A3", "B1", "A4", "B2", "A5", "A6");
    }

    @Test
    void peopleBeforeCaseSystems() {
        ProducerQuota quota = quota(1, Duration.ofMillis(300));
        List<String> granted = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> calls = new ArrayList<>();
        calls.add(call(quota, "case system", false, "batch 1", granted));
        calls.add(call(quota, "case system", false, "batch 2", granted));
        calls.add(call(quota, "case system", false, "batch 3", granted));
        calls.add(call(quota, "e-service", true, "person 1", granted));
        calls.add(call(quota, "e-service", true, "person 2", granted));
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        assertThat(granted).containsExactly("batch 1", "person 1", "person 2", "batch 2", "batch 3");
    }

    @Test
    void caseSystemsLeaveThePermitsKeptForPeople() {
        ProducerQuota quota = quota(4, 2, Duration.ofSeconds(10));
        List<String> granted = Collections.synchronizedList(new ArrayList<>());
        // A case system's burst takes the two permits it may; its third cannot come within its budget; people still get two.
        for (int i = 1; i <= 2; i++) {
            call(quota, "case system", false, "batch " + i, granted).join();
        }
        CompletableFuture<ProducerQuota.Permit> third = quota.permit(context("case system", false, Duration.ofSeconds(2))).subscribeAsCompletionStage();
        assertThat(third.isCompletedExceptionally()).isTrue();
        for (int i = 1; i <= 2; i++) {
            call(quota, "e-service", true, "person " + i, granted).join();
        }
        assertThat(granted).containsExactly("batch 1", "batch 2", "person 1", "person 2");
    }

    @Test
    void aPermitThatCannotComeWithinTheBudgetIsRefusedAtOnce() {
        ProducerQuota quota = quota(1, Duration.ofSeconds(10));
        CompletionStage<ProducerQuota.Permit> first = quota.permit(context("A", false, Duration.ofSeconds(2))).subscribeAsCompletionStage();
        assertThat(first.toCompletableFuture().isDone()).isTrue();
        // The next permit is 10 s away; a caller with 2 s is told so now, not in 2 s.
        CompletableFuture<ProducerQuota.Permit> second = quota.permit(context("B", true, Duration.ofSeconds(2))).subscribeAsCompletionStage();
        assertThat(second.isCompletedExceptionally()).as("refused before permit() returned").isTrue();
        assertThat(second.handle((p, failure) -> failure.getMessage()).join()).contains("SCB's quota (1 calls per 10 s) is exhausted");
        assertThat(metrics.get("gateway.producer.quota.refused").tag("consumer", "B").counter().count()).isEqualTo(1);
    }

    private CompletableFuture<?> call(ProducerQuota quota, String consumer, boolean interactive, String name, List<String> granted) {
        return quota.permit(context(consumer, interactive, Duration.ofSeconds(30))).subscribeAsCompletionStage()
                .thenAccept(permit -> {
                    granted.add(name);
                    permit.release();
                });
    }

    private static CallContext context(String consumer, boolean interactive, Duration budget) {
        Deadline deadline = Deadline.in(budget);
        return new CallContext("tx", deadline, consumer, interactive, deadline);
    }

    private ProducerQuota quota(int calls, Duration period) {
        return quota(calls, 0, period);
    }

    private ProducerQuota quota(int calls, int keptForPeople, Duration period) {
        return new ProducerQuota("scb", "SCB", calls, keptForPeople, period, Duration.ofMillis(100), vertx, metrics, System::nanoTime);
    }
}
