package se.companydata.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;

/** The registry file is re-read on change: a valid version takes effect, a broken one is refused and the last good one kept. */
@QuarkusTest
@TestProfile(RegistryReloadTest.WritableRegistry.class)
class RegistryReloadTest extends SandboxTest {

    static final Path FILE = Path.of("target/registry-reload-test/consumers.yaml");

    public static class WritableRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.copy(Path.of("src/test/resources/consumers-test.yaml"), FILE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("gateway.registry.file", FILE.toString(), "gateway.registry.reload-interval", "100ms");
        }
    }

    @Inject
    ConsumerRegistry registry;

    @Test
    void aValidNewVersionTakesEffectAndABrokenOneIsRefused() throws Exception {
        String company = TestRegister.id(TestRegister.ordinary("EF").get(2));
        String original = Files.readString(FILE);
        try {
            assertThat(folkol(company)).isEqualTo("EjBehorig");

            // Grant Provköping's FOLKOLBV the postal address as well.
            write(original.replace("items: [UD0001, UD0029]", "items: [UD0001, UD0029, UD0003]"));
            awaitReload(original);
            assertThat(folkol(company)).isEqualTo("value");
            String goodVersion = registry.version().sha256();

            // A broken version (unknown item) must not replace it.
            write(original.replace("items: [UD0001, UD0029]", "items: [UD0001, UD0099]"));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                assertThat(registry.version().sha256()).isEqualTo(goodVersion);
            }
            assertThat(registry.reload()).as("the broken version is refused on every attempt").isFalse();
            assertThat(folkol(company)).isEqualTo("value");
        } finally {
            write(original);
        }
    }

    /** What Provköping's FOLKOLBV gets for UD0003: "value" or the error type. */
    private static String folkol(String company) {
        var answer = given().config(TestPki.restAssured("consumer-provkoping")).header("X-Service-Name", "FOLKOLBV")
                .contentType(ContentType.JSON).body(body(company, "UD0003")).when().post("/api/v1/lookup")
                .then().statusCode(200).extract().jsonPath();
        return answer.getString("items.UD0003.value") != null ? "value" : answer.getString("items.UD0003.error.type");
    }

    private void awaitReload(String before) throws InterruptedException {
        String old = registry.version().sha256();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (registry.version().sha256().equals(old) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.version().sha256()).as("reloaded").isNotEqualTo(old);
    }

    private static void write(String text) throws IOException {
        // Write then move, as a ConfigMap update swaps the file whole.
        Path tmp = FILE.resolveSibling("consumers.yaml.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
