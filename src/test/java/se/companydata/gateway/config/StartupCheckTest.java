package se.companydata.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.TestPki;

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

    @Test
    void aMountedCrlFileMustBeThereAndHoldACrl() throws Exception {
        Path notACrl = Files.createTempFile("not-a-crl", ".pem");
        Files.writeString(notACrl, "-----BEGIN X509 CRL-----\nbm90IGEgQ1JM\n-----END X509 CRL-----\n");
        Map<String, String> config = Map.of("gateway.revocation.crl-files",
                TestPki.DIR.resolve("ca.crl") + ", /nonexistent/ca.crl," + notACrl);
        assertThat(StartupCheck.problems(key -> Optional.ofNullable(config.get(key))).stream()
                .filter(p -> p.what().equals("Revocation CRL file")).map(StartupCheck.Problem::why))
                .as("the dev CA's CRL passes; a missing file and a file that is no CRL do not")
                .hasSize(2).anySatisfy(why -> assertThat(why).isEqualTo("/nonexistent/ca.crl does not exist"))
                .anySatisfy(why -> assertThat(why).startsWith(notACrl + " is not a CRL"));
    }

    @Test
    void aRedisOverTlsNeedsItsCaAPasswordAndTheSharedAnswersKeys() throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("quarkus.redis.hosts", "rediss://gateway@redis.example:6380",
                "quarkus.redis.tls-configuration-name", "redis", "quarkus.tls.redis.trust-store.pem.certs", "/nonexistent/redis-ca/ca.crt"));
        assertThat(whats(config)).contains("Redis server CA", "Redis password");

        assertThat(whats(config)).as("the shared answers' keys").contains("Shared answers' hash key", "Shared answers' encryption key");

        config.put("quarkus.tls.redis.trust-store.pem.certs", TestPki.DIR.resolve("ca.crt").toString());
        config.put("quarkus.redis.password", "from-a-secret");
        Path keys = Files.createTempDirectory("cache-keys");
        Files.writeString(keys.resolve("hash-key"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Files.writeString(keys.resolve("short-key"), Base64.getEncoder().encodeToString(new byte[16]));
        config.put("gateway.cache.shared.hash-key-file", keys.resolve("hash-key").toString());
        config.put("gateway.cache.shared.encryption-key-file", keys.resolve("short-key").toString());
        assertThat(problems(config)).filteredOn(p -> p.what().equals("Shared answers' encryption key"))
                .singleElement().satisfies(p -> assertThat(p.why()).contains("no Base64 of 32 bytes"));
        Files.writeString(keys.resolve("encryption-key"), Base64.getEncoder().encodeToString(new byte[32]));
        config.put("gateway.cache.shared.encryption-key-file", keys.resolve("encryption-key").toString());
        assertThat(whats(config)).doesNotContain("Redis server CA", "Redis password", "Shared answers' hash key", "Shared answers' encryption key");

        config.clear();
        assertThat(whats(config)).as("no Redis named: nothing asked of it").doesNotContain("Redis server CA", "Redis password",
                "Shared answers' hash key");
    }

    private static List<String> whats(Map<String, String> config) {
        return problems(config).stream().map(StartupCheck.Problem::what).toList();
    }

    private static List<StartupCheck.Problem> problems(Map<String, String> config) {
        return StartupCheck.problems(key -> Optional.ofNullable(config.get(key)));
    }
}
