package se.companydata.gateway.client.scb;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;

/** SCB's announced move to API keys, configured: the key goes with every SCB call, and to no other producer. */
@QuarkusTest
@TestProfile(ScbApiKeyTest.WithApiKey.class)
class ScbApiKeyTest extends SandboxTest {

    public static class WithApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.producers.scb.api-key", "sandbox-api-key");
        }
    }

    @Test
    void theKeyGoesWithEverySCBCall() {
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(40)), "UD0001", "UD0002", "UD0034")).statusCode(200);
        assertThat(sandbox.lastApiKey("scb-foretag")).isEqualTo("sandbox-api-key");
        assertThat(sandbox.lastApiKey("scb-arbetsstallen")).isEqualTo("sandbox-api-key");
        assertThat(sandbox.lastApiKey("bolagsverket")).isEqualTo("none");
    }
}
