package se.companydata.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.client.ProducerBreaker.Outcome;
import se.companydata.gateway.client.ProducerBreaker.Question;
import se.companydata.gateway.client.ProducerBreaker.State;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.Source;

/** The breaker's window by question, against a clock the test moves. */
class ProducerBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final ProducerBreaker breaker = new ProducerBreaker(Producer.SCB, config(10, 0.5, Duration.ofSeconds(5), 2), now::get, () -> { });

    @Test
    void aFewCompaniesFailingOverAndOverAreAFewEntries() {
        for (int round = 0; round < 50; round++) {
            call(question(1), Outcome.UNAVAILABLE);
            call(question(2), Outcome.UNAVAILABLE);
            call(question(3), Outcome.UNAVAILABLE);
            if (round % 10 == 0) {
                // Healthy companies reach the producer rarely (their answers are cached).
                call(question(100 + round), Outcome.ANSWERED);
            }
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.window()).isEqualTo("3 of 8 attempts failed, over the last 8 questions");
    }

    @Test
    void theProducerFailingForDistinctQuestionsOpensAfterAsManyAttemptsAsAWindowOfCalls() {
        for (int i = 0; i < 10; i++) {
            call(question(i), Outcome.ANSWERED);
        }
        // A window of the last 10 calls with ratio 0.5 opens at the 5th failure after 10 successes; so does this one.
        for (int i = 0; i < 4; i++) {
            call(question(20 + i), Outcome.UNAVAILABLE);
            assertThat(breaker.state()).isEqualTo(State.CLOSED);
        }
        call(question(24), Outcome.UNAVAILABLE);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThatThrownBy(breaker::admit).isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void everyAttemptOfOneCallCountsAsAWindowOfCallsCountsRetries() {
        for (int i = 0; i < 10; i++) {
            call(question(i), Outcome.ANSWERED);
        }
        // Each call retried once (a 503, connection refused): the 5th failed attempt is the first of the third call.
        for (int i = 0; i < 2; i++) {
            call(question(20 + i), Outcome.UNAVAILABLE, Outcome.UNAVAILABLE);
            assertThat(breaker.state()).isEqualTo(State.CLOSED);
        }
        call(question(22), Outcome.UNAVAILABLE);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aNewCallOfAQuestionReplacesItsPreviousCall() {
        call(question(1), Outcome.UNAVAILABLE, Outcome.UNAVAILABLE);
        assertThat(breaker.window()).isEqualTo("2 of 2 attempts failed, over the last 1 questions");
        call(question(1), Outcome.ANSWERED);
        assertThat(breaker.window()).isEqualTo("0 of 1 attempts failed, over the last 1 questions");
        // The same company at another endpoint is another question.
        breaker.record(breaker.admit(), new Question(Source.SCB_ARBETSSTALLEN, company(1)), new Object(), Outcome.UNAVAILABLE);
        assertThat(breaker.window()).isEqualTo("1 of 2 attempts failed, over the last 2 questions");
    }

    @Test
    void aCompanyThatRecoversLeavesTheFailures() {
        for (int i = 0; i < 4; i++) {
            call(question(i), Outcome.UNAVAILABLE);
        }
        call(question(0), Outcome.ANSWERED);
        for (int i = 10; i < 16; i++) {
            call(question(i), Outcome.ANSWERED);
        }
        assertThat(breaker.window()).isEqualTo("3 of 10 attempts failed, over the last 10 questions");
    }

    @Test
    void attemptsOurBulkheadRefusedSayNothing() {
        for (int i = 0; i < 20; i++) {
            call(question(i), Outcome.NOT_ASKED);
        }
        assertThat(breaker.window()).isEqualTo("0 of 0 attempts failed, over the last 0 questions");
    }

    @Test
    void halfOpenAfterTheDelayThenClosedBySuccessesOrOpenedByAFailure() {
        openIt();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        long first = breaker.admit();
        long second = breaker.admit();
        assertThatThrownBy(breaker::admit).as("only success-threshold trials at once").isInstanceOf(CircuitBreakerOpenException.class);
        breaker.record(first, question(1), new Object(), Outcome.UNAVAILABLE);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        breaker.record(second, question(2), new Object(), Outcome.ANSWERED);
        assertThat(breaker.state()).as("a trial of the half-open state that has gone counts no more").isEqualTo(State.OPEN);

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        call(question(3), Outcome.ANSWERED);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        call(question(4), Outcome.ANSWERED);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.window()).isEqualTo("0 of 0 attempts failed, over the last 0 questions");
    }

    @Test
    void anAttemptAdmittedBeforeTheBreakerChangedStateIsNotCountedAfter() {
        long early = breaker.admit();
        openIt();
        breaker.reset();
        breaker.record(early, question(99), new Object(), Outcome.UNAVAILABLE);
        assertThat(breaker.window()).isEqualTo("0 of 0 attempts failed, over the last 0 questions");
    }

    private void openIt() {
        for (int i = 0; i < 10; i++) {
            call(question(50 + i), Outcome.UNAVAILABLE);
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    /** One call of the question, with one attempt per outcome (its retries). */
    private void call(Question question, Outcome... attempts) {
        Object call = new Object();
        for (Outcome outcome : attempts) {
            breaker.record(breaker.admit(), question, call, outcome);
        }
    }

    private static Question question(int n) {
        return new Question(Source.SCB_FORETAG, company(n));
    }

    private static CompanyId company(int n) {
        String nine = String.format("55600%04d", n);
        return CompanyId.parse(nine + CompanyId.luhnCheckDigit(nine), null);
    }

    private static ProducersConfig.CircuitBreaker config(int window, double ratio, Duration delay, int successes) {
        return new ProducersConfig.CircuitBreaker() {
            @Override
            public int requestVolumeThreshold() {
                return window;
            }

            @Override
            public double failureRatio() {
                return ratio;
            }

            @Override
            public Duration delay() {
                return delay;
            }

            @Override
            public int successThreshold() {
                return successes;
            }
        };
    }
}
