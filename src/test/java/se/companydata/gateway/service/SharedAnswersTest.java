package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.RedisServer;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;

/**
 * Replicas' shared answers on a real Redis: one replica's answer serves another, concurrent misses on two replicas make
 * one producer call, a dead holder's lease runs out and another loads, nothing private or failed is written, and a
 * Redis that does not answer costs no lookup.
 */
class SharedAnswersTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Source SOURCE = Source.BOLAGSVERKET_ORGANISATIONER;

    private final List<Vertx> vertxes = new ArrayList<>();
    private RedisServer redis;
    private AnswerSeal seal;

    @BeforeEach
    void startRedis() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        redis = RedisServer.start();
        seal = AnswerSealTest.newSeal();
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
        for (Vertx vertx : vertxes) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** A replica of its own: its own Vert.x, Redis connections and meters; {@code deadline}: how long it waits for another. */
    private record Replica(SharedAnswers answers, Vertx vertx, MeterRegistry meters) {
        double outcome(SharedAnswers.Outcome outcome) {
            return meters.get("gateway.cache.shared").tag("outcome", outcome.name().toLowerCase()).counter().count();
        }
    }

    private Replica replica(Duration deadline) {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        MeterRegistry meters = new SimpleMeterRegistry();
        return new Replica(new SharedAnswers(redis.replica(vertx, 2, Duration.ofSeconds(1)), seal, vertx,
                Duration.ofMillis(600), Duration.ofMillis(10), deadline, meters), vertx, meters);
    }

    private static final class Producer implements Supplier<Uni<ProducerAnswer>> {
        final AtomicInteger calls = new AtomicInteger();
        final CompletableFuture<ProducerAnswer> answer = new CompletableFuture<>();

        @Override
        public Uni<ProducerAnswer> get() {
            calls.incrementAndGet();
            return Uni.createFrom().completionStage(answer);
        }
    }

    private static Producer answering(ProducerAnswer answer) {
        Producer producer = new Producer();
        producer.answer.complete(answer);
        return producer;
    }

    private static ProducerAnswer fresh() {
        ProducerAnswer fixture = AnswerSealTest.everyKindOfValue();
        return new ProducerAnswer(fixture.source(), fixture.outcome(), null, fixture.records(), false, true, Instant.now(), 42);
    }

    private static SharedAnswers.Loaded await(Uni<SharedAnswers.Loaded> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }

    @Test
    void anAnswerOneReplicaFetchedServesTheOther() throws Exception {
        Replica a = replica(Duration.ofSeconds(2));
        Replica b = replica(Duration.ofSeconds(2));
        ProducerAnswer answer = fresh();
        Producer first = answering(answer);
        assertThat(await(a.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, first)).shared()).isFalse();
        awaitStored();

        Producer second = answering(fresh());
        SharedAnswers.Loaded loaded = await(b.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, second));
        assertThat(second.calls).as("the other replica's producer calls").hasValue(0);
        assertThat(loaded.shared()).isTrue();
        assertThat(loaded.answer()).isEqualTo(answer);
        assertThat(b.outcome(SharedAnswers.Outcome.HIT)).isEqualTo(1);

        long ttl = Long.parseLong(redis.cli("PTTL", answerKey()).strip());
        assertThat(ttl).as("kept in Redis for the rest of its time to live").isBetween(50_000L, 60_000L);
        assertThat(redis.keys()).as("no identity number, no digit at all, in a key").allMatch(key -> !key.matches(".*\\d.*"));
        assertThat(redis.cli("GET", answerKey())).as("the value is sealed").startsWith("v1.").doesNotContain("Exempelbolaget");
    }

    @Test
    void concurrentMissesOnTwoReplicasMakeOneProducerCall() {
        Replica a = replica(Duration.ofSeconds(5));
        Replica b = replica(Duration.ofSeconds(5));
        Producer atA = new Producer();
        Producer atB = new Producer();
        Uni<SharedAnswers.Loaded> fromA = a.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, atA).memoize().indefinitely();
        Uni<SharedAnswers.Loaded> fromB = b.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, atB).memoize().indefinitely();
        fromA.subscribe().with(x -> { });
        fromB.subscribe().with(x -> { });
        // Whichever took the lease is asked; the producer answers only once both have asked Redis.
        waitUntil(() -> atA.calls.get() + atB.calls.get() == 1 && a.outcome(SharedAnswers.Outcome.LOADED) + b.outcome(SharedAnswers.Outcome.LOADED) == 1);
        ProducerAnswer answer = fresh();
        atA.answer.complete(answer);
        atB.answer.complete(answer);
        assertThat(await(fromA).answer()).isEqualTo(answer);
        assertThat(await(fromB).answer()).isEqualTo(answer);
        assertThat(atA.calls.get() + atB.calls.get()).as("producer calls for two replicas' misses").isEqualTo(1);
        assertThat(a.outcome(SharedAnswers.Outcome.HIT) + b.outcome(SharedAnswers.Outcome.HIT)).isEqualTo(1);
    }

    @Test
    void whenTheHolderDiesItsLeaseRunsOutAndAnotherReplicaLoads() {
        Replica a = replica(Duration.ofSeconds(30));
        Replica b = replica(Duration.ofSeconds(30));
        Producer never = new Producer();
        a.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, never).subscribe().with(x -> { }, f -> { });
        waitUntil(() -> never.calls.get() == 1);
        // The holder's process ends: its renewals stop, its connections close, its load never completes.
        a.vertx().close().toCompletionStage().toCompletableFuture().join();
        vertxes.remove(a.vertx());

        Producer other = answering(fresh());
        SharedAnswers.Loaded loaded = await(b.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, other));
        assertThat(other.calls).as("the surviving replica asked the producer itself").hasValue(1);
        assertThat(loaded.shared()).isFalse();
        assertThat(b.outcome(SharedAnswers.Outcome.LOADED)).as("after the lease ran out, not after its 30 s deadline").isEqualTo(1);
        assertThat(b.outcome(SharedAnswers.Outcome.WAITED_TOO_LONG)).isZero();
    }

    @Test
    void nothingPrivateAndNoFailureIsWritten() throws Exception {
        Replica a = replica(Duration.ofSeconds(2));
        CompanyId soleTrader = new CompanyId(IdentityType.Personnummer, "198112289874", null);
        await(a.answers().load(soleTrader, Source.SKATTEVERKET_REGISTRERINGAR, TTL, answering(fresh())));
        assertThat(redis.keys()).as("a sole trader's answers stay in the replica").isEmpty();
        assertThat(a.outcome(SharedAnswers.Outcome.UNSHARED)).isEqualTo(1);

        ProducerAnswer fixture = fresh();
        ProducerAnswer protectedOne = new ProducerAnswer(fixture.source(), fixture.outcome(), null, fixture.records(), true, true, Instant.now(), 1);
        List<ProducerAnswer> notToShare = List.of(protectedOne,
                ProducerAnswer.failed(SOURCE, ItemError.byGateway(ErrorType.Timeout, "Bolagsverket did not answer")),
                ProducerAnswer.notFound(SOURCE, "no such company"));
        for (ProducerAnswer answer : notToShare) {
            await(a.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, answering(answer)));
            awaitStored();
            assertThat(redis.keys()).as("nothing written for " + answer.outcome() + (answer.protectedIdentity() ? " (protected)" : ""))
                    .isEmpty();
        }
        assertThat(a.outcome(SharedAnswers.Outcome.LOADED)).as("each one loaded under a lease, given back").isEqualTo(3);
    }

    @Test
    void aRedisThatDoesNotAnswerCostsNoLookup() throws Exception {
        Replica a = replica(Duration.ofSeconds(2));
        redis.kill();
        ProducerAnswer answer = fresh();
        Producer producer = answering(answer);
        assertThat(await(a.answers().load(AnswerSealTest.COMPANY, SOURCE, TTL, producer)).answer()).isEqualTo(answer);
        assertThat(producer.calls).hasValue(1);
        assertThat(a.outcome(SharedAnswers.Outcome.UNAVAILABLE)).isEqualTo(1);
    }

    private String answerKey() throws Exception {
        return redis.keys().stream().filter(key -> key.startsWith("test:answer:{") && key.endsWith("}")).findFirst().orElseThrow();
    }

    /** The store after a load is not waited for by its caller: wait until the lease is given back. */
    private void awaitStored() {
        waitUntil(() -> {
            try {
                return redis.keys().stream().noneMatch(key -> key.endsWith(":lease"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void waitUntil(BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
