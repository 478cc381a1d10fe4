package se.companydata.gateway.health;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.service.AnswerCache;

/**
 * Ready when lookups can be answered. An open producer breaker does not make the gateway
 * unready — a partial answer is still an answer — it is reported as data for operators.
 */
@Readiness
@ApplicationScoped
public class LookupReadinessCheck implements HealthCheck {

    private final CircuitBreakerMaintenance breakers;
    private final AnswerCache cache;

    LookupReadinessCheck(CircuitBreakerMaintenance breakers, AnswerCache cache) {
        this.breakers = breakers;
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("company-lookup").up().withData("cachedAnswers", cache.size());
        for (Producer producer : Producer.values()) {
            String name = ProducerCallPolicy.breakerName(producer);
            String state;
            try {
                state = breakers.currentState(name).name();
            } catch (IllegalArgumentException notYetUsed) {
                state = "CLOSED";
            }
            response.withData(producer.name() + "CircuitBreaker", state);
        }
        return response.build();
    }
}
