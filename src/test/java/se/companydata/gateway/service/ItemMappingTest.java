package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.config.GatewayConfig;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

class ItemMappingTest {

    @Test
    void aMappingToAProducerThatDoesNotCarryTheItemIsRefusedAtStartUp() {
        Map<String, Producer> mapping = complete();
        mapping.put("UD0020", Producer.Bolagsverket);
        mapping.remove("UD0052");
        mapping.put("UD9999", Producer.SCB);
        assertThatThrownBy(() -> new ItemMapping(config(mapping)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.items.producer.\"UD0020\"=Bolagsverket: Bolagsverket's answer does not carry UD0020 (soleTraderName)")
                .hasMessageContaining("gateway.items.producer.\"UD0052\" is missing")
                .hasMessageContaining("gateway.items.producer.\"UD9999\": not a UD item code");
    }

    @Test
    void anItemCanBeMovedToAnotherProducerThatCarriesIt() {
        Map<String, Producer> mapping = complete();
        mapping.put("UD0024", Producer.Bolagsverket);
        mapping.put("UD0029", Producer.SCB);
        ItemMapping items = new ItemMapping(config(mapping));
        assertThat(items.sourceOf(UdItem.UD0024)).isEqualTo(Source.BOLAGSVERKET_ORGANISATIONER);
        assertThat(items.sourceOf(UdItem.UD0029)).isEqualTo(Source.SCB_FORETAG);
        assertThat(items.sourcesFor(java.util.Set.of(UdItem.UD0009, UdItem.UD0001))).containsExactly(
                Source.BOLAGSVERKET_ORGANISATIONER, Source.SCB_ARBETSSTALLEN);
    }

    private static Map<String, Producer> complete() {
        Map<String, Producer> mapping = new HashMap<>();
        for (UdItem item : UdItem.values()) {
            for (Producer p : Producer.values()) {
                if (Source.of(p, item) != null) {
                    mapping.putIfAbsent(item.name(), p);
                }
            }
        }
        return mapping;
    }

    private static GatewayConfig config(Map<String, Producer> mapping) {
        return new GatewayConfig() {
            public Lookup lookup() {
                return () -> Duration.ofSeconds(2);
            }

            public Cache cache() {
                throw new UnsupportedOperationException("item mapping does not cache");
            }

            public Items items() {
                return () -> mapping;
            }

            public Priming priming() {
                throw new UnsupportedOperationException("item mapping does not prime");
            }

            public StartupCheckSetting startupCheck() {
                return () -> true;
            }
        };
    }
}
