package se.companydata.gateway.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import se.companydata.gateway.config.ProducersConfig;
import se.companydata.gateway.domain.Producer;

/** Every producer's {@link ProducerBreaker}: one per producer, shared by all its endpoints and calls. */
@ApplicationScoped
public class ProducerBreakers {

    private final Map<Producer, ProducerBreaker> breakers = new EnumMap<>(Producer.class);

    ProducerBreakers(ProducersConfig config, MeterRegistry metrics) {
        for (Producer producer : Producer.values()) {
            Counter opened = Counter.builder("gateway.producer.circuit.breaker.opened")
                    .description("Times the producer's circuit breaker opened").tag("producer", producer.name()).register(metrics);
            breakers.put(producer, new ProducerBreaker(producer, config.policy(producer).circuitBreaker(), System::nanoTime, opened::increment));
        }
    }

    public ProducerBreaker of(Producer producer) {
        return breakers.get(producer);
    }

    public ProducerBreaker.State state(Producer producer) {
        return of(producer).state();
    }

    public void resetAll() {
        breakers.values().forEach(ProducerBreaker::reset);
    }
}
