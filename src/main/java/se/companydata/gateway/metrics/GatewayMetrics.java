package se.companydata.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import se.companydata.gateway.client.ProducerBreaker;
import se.companydata.gateway.client.ProducerBreakers;
import se.companydata.gateway.domain.Producer;

/** Gauges that read state owned elsewhere, and the latency histogram of the API's own requests. */
@ApplicationScoped
public class GatewayMetrics {

    /** Circuit breaker state per producer: 0 closed, 1 half-open, 2 open. */
    void breakerStates(@Observes StartupEvent event, MeterRegistry registry, ProducerBreakers breakers) {
        for (Producer producer : Producer.values()) {
            Gauge.builder("gateway.producer.circuit.breaker.state", () -> state(breakers, producer))
                    .description("0 closed, 1 half-open, 2 open").tag("producer", producer.name()).register(registry);
        }
    }

    private static double state(ProducerBreakers breakers, Producer producer) {
        ProducerBreaker.State state = breakers.state(producer);
        return state == ProducerBreaker.State.OPEN ? 2 : state == ProducerBreaker.State.HALF_OPEN ? 1 : 0;
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
