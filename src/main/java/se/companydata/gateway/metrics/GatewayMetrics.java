package se.companydata.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import se.companydata.gateway.client.ProducerCallPolicy;
import se.companydata.gateway.domain.Producer;

/** Gauges that read state owned elsewhere, and the latency histogram of the API's own requests. */
@ApplicationScoped
public class GatewayMetrics {

    /** Circuit breaker state per producer: 0 closed, 1 half-open, 2 open. */
    void breakerStates(@Observes StartupEvent event, MeterRegistry registry, CircuitBreakerMaintenance breakers) {
        for (Producer producer : Producer.values()) {
            Gauge.builder("gateway.producer.circuit.breaker.state", () -> state(breakers, producer))
                    .description("0 closed, 1 half-open, 2 open").tag("producer", producer.name()).register(registry);
        }
    }

    private static double state(CircuitBreakerMaintenance breakers, Producer producer) {
        try {
            CircuitBreakerState state = breakers.currentState(ProducerCallPolicy.breakerName(producer));
            return state == CircuitBreakerState.OPEN ? 2 : state == CircuitBreakerState.HALF_OPEN ? 1 : 0;
        } catch (IllegalArgumentException notYetCalled) {
            return 0;
        }
    }

    /** Request latency as a histogram (per endpoint and outcome), so percentiles can be computed across pods. */
    @Produces
    @Singleton
    MeterFilter requestLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(io.micrometer.core.instrument.Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("http.server.requests")
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }
}
