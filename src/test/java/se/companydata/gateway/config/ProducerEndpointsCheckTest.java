package se.companydata.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProducerEndpointsCheckTest {

    @Test
    void namesEveryProducerWithoutAUrl() {
        Map<String, String> config = Map.of("quarkus.rest-client.scb.url", "https://scb.example/api",
                "quarkus.rest-client.skatteverket.url", " ");
        assertThat(ProducerEndpointsCheck.missing(key -> Optional.ofNullable(config.get(key)), false))
                .containsExactly("quarkus.rest-client.bolagsverket.url", "quarkus.rest-client.skatteverket.url");
        assertThat(ProducerEndpointsCheck.missing(key -> Optional.ofNullable(config.get(key)), true))
                .containsExactly("quarkus.rest-client.bolagsverket.url", "quarkus.rest-client.skatteverket.url",
                        "gateway.producers.bolagsverket.oauth2.token-url");
    }

    @Test
    void passesWhenAllAreSet() {
        assertThat(ProducerEndpointsCheck.missing(key -> Optional.of("https://producer.example"), true)).isEmpty();
    }
}
