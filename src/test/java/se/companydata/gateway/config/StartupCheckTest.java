package se.companydata.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up check's list, from a configuration given by hand (the packaged jar's run is StartupCheckIT's). */
class StartupCheckTest {

    @Test
    void withAnScbApiKeyScbsClientCertificateIsNotAskedForButItsServerCaStillIs() {
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.tls.scb.key-store.pem.0.cert", "/nonexistent/scb-client/tls.crt",
                "quarkus.tls.scb.key-store.pem.0.key", "/nonexistent/scb-client/tls.key",
                "quarkus.tls.scb.trust-store.pem.certs", "/nonexistent/producer-ca/scb.crt"));
        assertThat(whats(config)).contains("SCB client certificate (issued by SCB)", "SCB client private key", "Server CA (SCB)");

        config.put("gateway.producers.scb.api-key", "from-a-secret");
        assertThat(whats(config)).contains("Server CA (SCB)")
                .doesNotContain("SCB client certificate (issued by SCB)", "SCB client private key");
    }

    private static List<String> whats(Map<String, String> config) {
        return StartupCheck.problems(key -> Optional.ofNullable(config.get(key))).stream().map(StartupCheck.Problem::what).toList();
    }
}
