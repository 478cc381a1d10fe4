package se.companydata.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.service.AnswerCache;

/**
 * Ready when lookups can be answered. An open producer breaker does not make the gateway
 * unready — a partial answer is still an answer — it is reported as data for operators.
 */
@Readiness
@ApplicationScoped
public class LookupReadinessCheck implements HealthCheck {

    private final ProducerBreakers breakers;
    private final AnswerCache cache;

    LookupReadinessCheck(ProducerBreakers breakers, AnswerCache cache) {
        this.breakers = breakers;
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("company-lookup").up().withData("cachedAnswers", cache.size());
        for (Producer producer : Producer.values()) {
            response.withData(producer.name() + "CircuitBreaker", breakers.state(producer).name());
        }
        return response.build();
    }
}
