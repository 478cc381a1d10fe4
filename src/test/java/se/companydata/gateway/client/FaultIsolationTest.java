package se.companydata.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxControl;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * A producer's failure for one company stays with that company's lookups: under concurrent load,
 * with one faulty identity mixed into lookups of healthy companies, only the faulty identity's
 * answers may be partial, whatever the fault does to the connection it arrived on. No cache (every
 * lookup calls the producers), and the production breaker (20 calls, half failing).
 */
@QuarkusTest
@TestProfile(FaultIsolationTest.ProductionBreaker.class)
class FaultIsolationTest extends SandboxTest {

    public static class ProductionBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("gateway.cache.ttl", "0s"),
                    Map.entry("gateway.lookup.deadline", "2500ms"),
                    Map.entry("gateway.producers.bolagsverket.timeout", "1s"),
                    Map.entry("gateway.producers.scb.timeout", "1s"),
                    Map.entry("gateway.producers.skatteverket.timeout", "1s"),
                    Map.entry("gateway.producers.bolagsverket.circuit-breaker.request-volume-threshold", "20"),
                    Map.entry("gateway.producers.scb.circuit-breaker.request-volume-threshold", "20"),
                    Map.entry("gateway.producers.skatteverket.circuit-breaker.request-volume-threshold", "20"),
                    Map.entry("gateway.producers.bolagsverket.circuit-breaker.delay", "5s"),
                    Map.entry("gateway.producers.scb.circuit-breaker.delay", "5s"),
                    Map.entry("gateway.producers.skatteverket.circuit-breaker.delay", "5s"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ONE_ITEM_EACH = {"UD0001", "UD0002", "UD0029"};
    private static final int CONCURRENCY = 10;

    private final List<String> healthy = TestRegister.all().stream()
            .filter(c -> !c.has("sandboxFaults") && !c.has("fel") && c.path("identitetsbeteckning").asText().length() == 10)
            .map(TestRegister::id).limit(30).toList();

    @BeforeEach
    void producersTakeTime() {
        // Calls overlap on the producers' connections, as in production: 20–40 ms per call.
        for (SandboxProducer p : SandboxProducer.values()) {
            sandbox.set(p, new SandboxControl.Behaviour(Fault.NONE, Duration.ofMillis(20), Duration.ofMillis(20)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "bolagsverket, RESET,       UD0001",
            "bolagsverket, ABORT,       UD0001",
            "bolagsverket, GARBAGE,     UD0001",
            "bolagsverket, GOAWAY,      ",
            "scb,          ERROR,       UD0002",
            "scb,          TIMEOUT,     UD0002",
            "scb,          RESET,       UD0002",
            "skatteverket, UNAVAILABLE, UD0029",
            "skatteverket, SLOW,        UD0029",
            "skatteverket, ABORT,       UD0029",
    })
    void onlyTheFaultyCompanysAnswersArePartial(String producer, Fault fault, String failingItem) throws Exception {
        String faulty = TestRegister.id(TestRegister.withFault(producer, fault.name()));
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < 310; i++) {
            identities.add(i % 31 == 15 ? faulty : healthy.get(i % healthy.size()));
        }

        List<Answer> answers = lookUp(identities, Duration.ZERO);

        List<Answer> healthyPartial = answers.stream().filter(a -> !a.identity.equals(faulty) && a.isPartial()).toList();
        assertThat(healthyPartial).as("partial answers for healthy companies, with %s %s for %s", producer, fault, faulty).isEmpty();
        assertThat(answers).allSatisfy(a -> assertThat(a.status).as(a.body).isEqualTo(200));
        List<Answer> faultyAnswers = answers.stream().filter(a -> a.identity.equals(faulty)).toList();
        assertThat(faultyAnswers).hasSize(10);
        if (failingItem == null) {
            // A graceful GOAWAY drains: nothing fails, not even for the company whose answer carried it.
            assertThat(faultyAnswers).noneMatch(Answer::isPartial);
        } else {
            // The fault was really there: the faulty company's own item failed, and only that one.
            assertThat(faultyAnswers).allSatisfy(a -> {
                assertThat(a.errorType(failingItem)).as(a.body).isNotNull();
                assertThat(a.failedItems()).as(a.body).containsExactly(failingItem);
            });
        }
    }

    @Test
    void producersClosingIdleConnectionsCostNoAnswer() throws Exception {
        // Every producer closes connections idle 300 ms; lookups come in bursts with pauses around that,
        // so requests keep meeting connections the producer is closing, or has just closed.
        for (SandboxProducer p : SandboxProducer.values()) {
            sandbox.idleClose(p, Duration.ofMillis(300));
        }
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            identities.add(healthy.get(i % healthy.size()));
        }

        List<Answer> answers = lookUp(identities, Duration.ofMillis(350));

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status).as(a.body).isEqualTo(200);
            assertThat(a.isPartial()).as(a.body).isFalse();
        });
        assertThat(sandbox.idleDrops()).as("requests that met a connection as the producer closed it").isPositive();
    }

    private record Answer(String identity, int status, String body, JsonNode json) {

        boolean isPartial() {
            return !failedItems().isEmpty();
        }

        /** Items that failed for want of a producer (not items the company simply does not have). */
        List<String> failedItems() {
            return shortfalls(json);
        }

        String errorType(String item) {
            JsonNode type = json.path("items").path(item).path("error").path("type");
            return type.isMissingNode() ? null : type.asText();
        }
    }

    /**
     * Looks up every identity with {@value #CONCURRENCY} lookups in flight at once; with a pause, in
     * bursts of {@value #CONCURRENCY} separated by the pause (± 25 %).
     */
    private List<Answer> lookUp(List<String> identities, Duration pause) throws Exception {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            if (!pause.isZero() && i > 0 && i % CONCURRENCY == 0) {
                inFlight.acquire(CONCURRENCY);
                inFlight.release(CONCURRENCY);
                long millis = pause.toMillis();
                Thread.sleep(millis * 3 / 4 + (long) (Math.random() * millis / 2));
            }
            String identity = identities.get(i);
            inFlight.acquire();
            pending.add(lookupAsync(body(identity, ONE_ITEM_EACH))
                    .thenApply(response -> answer(identity, response))
                    .whenComplete((answer, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static Answer answer(String identity, HttpResponse<String> response) {
        try {
            return new Answer(identity, response.statusCode(), response.body(), JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
