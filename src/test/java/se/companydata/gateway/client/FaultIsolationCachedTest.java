package se.companydata.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxControl;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * Fault isolation with the answer cache on (as configured in production): healthy answers come from
 * the cache, so the calls that reach the producers are mostly the fault identities'. A realistic mix
 * (popular companies, a spread of others, a few fault identities of each kind) must cost no healthy
 * company an item, and a producer that is really down must still open its breaker. Production breaker
 * (a window of 20 attempts, half failing, 5 s open, 2 trial successes).
 */
@QuarkusTest
@TestProfile(FaultIsolationCachedTest.CacheOnProductionBreaker.class)
class FaultIsolationCachedTest extends SandboxTest {

    public static class CacheOnProductionBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(Map.of(
                    "gateway.cache.ttl", "60s",
                    "gateway.lookup.deadline", "2500ms"));
            for (String producer : List.of("bolagsverket", "scb", "skatteverket")) {
                overrides.put("gateway.producers." + producer + ".timeout", "1s");
                overrides.put("gateway.producers." + producer + ".circuit-breaker.request-volume-threshold", "20");
                overrides.put("gateway.producers." + producer + ".circuit-breaker.delay", "5s");
                overrides.put("gateway.producers." + producer + ".circuit-breaker.success-threshold", "2");
            }
            return overrides;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 40;
    private static final Duration LENGTH = Duration.ofSeconds(30);
    private static final int IN_FLIGHT = 16;
    /** An item each producer holds, to see whose fault failed whose items. */
    private static final Map<String, String> ITEM_OF = Map.of("bolagsverket", "UD0001", "scb", "UD0002", "skatteverket", "UD0029");

    private final List<String> healthy = TestRegister.all().stream()
            .filter(c -> !c.has("sandboxFaults") && !c.has("fel") && c.path("identitetsbeteckning").asText().length() == 10)
            .map(TestRegister::id).toList();
    private final List<JsonNode> faulty = TestRegister.all().stream().filter(c -> c.has("sandboxFaults")).toList();

    /** Whether this application instance has been warmed (Quarkus loads test classes per application). */
    private static boolean warm;

    @BeforeEach
    void warmThenProducersTakeTime() throws Exception {
        if (!warm) {
            // A cold JVM at full rate times out on every producer at once, which is a producer "down" to any breaker:
            // a cold-start matter, not this test's. One lookup at a time, then a short run at half the rate.
            for (String identity : healthy.subList(100, 140)) {
                lookupAsync(body(identity)).join();
            }
            lookUp(healthy.subList(140, 200), RATE / 2, EnumSet.noneOf(Producer.class));
            warm = true;
            sandbox.reset();
            cache.invalidateAll();
            breakers.resetAll();
        }
        for (SandboxProducer p : SandboxProducer.values()) {
            sandbox.set(p, new SandboxControl.Behaviour(Fault.NONE, Duration.ofMillis(20), Duration.ofMillis(20)));
        }
    }

    @Test
    void aFewFailingCompaniesOpenNoBreakerWhenTheHealthyAnswersAreCached() throws Exception {
        List<String> popular = healthy.subList(0, 20);
        List<String> spread = healthy.subList(20, 80);
        Random random = new Random(18);
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < RATE * LENGTH.toSeconds(); i++) {
            double r = random.nextDouble();
            identities.add(r < 0.70 ? popular.get(random.nextInt(popular.size()))
                    : r < 0.95 ? spread.get(random.nextInt(spread.size()))
                    : TestRegister.id(faulty.get(random.nextInt(faulty.size()))));
        }
        Set<Producer> opened = EnumSet.noneOf(Producer.class);

        List<Answer> answers = lookUp(identities, RATE, opened);

        assertThat(answers).allSatisfy(a -> assertThat(a.status).as(a.body).isEqualTo(200));
        List<Answer> healthyPartial = answers.stream().filter(a -> healthy.contains(a.identity) && !a.failedItems().isEmpty()).toList();
        assertThat(healthyPartial).as("healthy answers missing an item for want of a producer").isEmpty();
        assertThat(opened).as("breakers that opened during the mix").isEmpty();
        // The cache did its part: most lookups reached no producer.
        assertThat(sandbox.calls("scb-foretag")).as("SCB calls for %d lookups", answers.size()).isLessThan(answers.size() / 4);
        // The faults were really there: every fault identity's own items failed (all but a graceful GOAWAY).
        for (JsonNode company : faulty) {
            String id = TestRegister.id(company);
            List<Answer> own = answers.stream().filter(a -> a.identity.equals(id)).toList();
            company.path("sandboxFaults").fields().forEachRemaining(fault -> {
                if (!fault.getValue().asText().equals("GOAWAY")) {
                    assertThat(own).as("%s (%s %s)", id, fault.getKey(), fault.getValue().asText())
                            .allSatisfy(a -> assertThat(a.failedItems()).as(a.body).contains(ITEM_OF.get(fault.getKey())));
                }
            });
        }
    }

    @Test
    void aProducerKilledOutrightOpensItsBreakerAsSoonAsAWindowOfCallsWouldAndClosesWhenItReturns() throws Exception {
        // A warm gateway: the SCB window holds the mix's attempts, a few of them the fault identities' failures.
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            warm.add(i % 20 == 7 ? TestRegister.id(faulty.get(i % faulty.size())) : healthy.get(i % 60));
        }
        lookUp(warm, RATE, EnumSet.noneOf(Producer.class));
        assertThat(breakers.state(Producer.SCB)).isEqualTo(ProducerBreaker.State.CLOSED);

        // SCB dies: every connection is closed without an answer. Companies not yet cached are asked one after another.
        sandbox.fault(SandboxProducer.SCB, Fault.RESET);
        List<String> uncached = healthy.subList(60, 100);
        int asked = 0;
        while (breakers.state(Producer.SCB) == ProducerBreaker.State.CLOSED && asked < uncached.size()) {
            lookupAsync(body(uncached.get(asked++), "UD0002")).join();
        }
        // A window of the last 20 calls with ratio 0.5 opens after at most 10 more failures; so must this one.
        assertThat(breakers.state(Producer.SCB)).isEqualTo(ProducerBreaker.State.OPEN);
        assertThat(asked).as("companies asked of a dead SCB before its breaker opened").isLessThanOrEqualTo(10);

        long callsWhileOpen = sandbox.calls("scb-foretag");
        String whileOpen = lookupAsync(body(uncached.get(asked), "UD0002")).join().body();
        assertThat(whileOpen).contains("circuit breaker is open");
        assertThat(sandbox.calls("scb-foretag")).as("an open breaker does not call the producer").isEqualTo(callsWhileOpen);

        // SCB is back: after the breaker's delay, two trial calls close it.
        sandbox.fault(SandboxProducer.SCB, Fault.NONE);
        Thread.sleep(5_100);
        for (int i = 0; i < 2; i++) {
            String answer = lookupAsync(body(uncached.get(asked + 1 + i), "UD0002")).join().body();
            assertThat(answer).doesNotContain("\"error\"");
        }
        assertThat(breakers.state(Producer.SCB)).isEqualTo(ProducerBreaker.State.CLOSED);
    }

    private record Answer(String identity, int status, String body, JsonNode json) {

        /** Items that failed for want of a producer (not items the company simply does not have). */
        List<String> failedItems() {
            return shortfalls(json);
        }
    }

    /**
     * Looks up every identity (all items) at {@code rate} a second, at most {@value #IN_FLIGHT} at once,
     * noting every producer whose breaker is seen open on the way.
     */
    private List<Answer> lookUp(List<String> identities, int rate, Set<Producer> opened) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < identities.size(); i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            for (Producer producer : Producer.values()) {
                if (breakers.state(producer) != ProducerBreaker.State.CLOSED) {
                    opened.add(producer);
                }
            }
            String identity = identities.get(i);
            inFlight.acquire();
            pending.add(lookupAsync(body(identity))
                    .thenApply(response -> {
                        try {
                            return new Answer(identity, response.statusCode(), response.body(), JSON.readTree(response.body()));
                        } catch (Exception e) {
                            throw new IllegalStateException(response.body(), e);
                        }
                    })
                    .whenComplete((answer, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return pending.stream().map(CompletableFuture::join).toList();
    }
}
