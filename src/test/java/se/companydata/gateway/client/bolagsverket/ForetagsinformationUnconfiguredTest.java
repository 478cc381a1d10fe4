package se.companydata.gateway.client.bolagsverket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;

/** A deployment without Bolagsverket's Företagsinformation API: its items say no source is configured, never "no such value". */
@QuarkusTest
@TestProfile(ForetagsinformationUnconfiguredTest.WithoutForetagsinformation.class)
class ForetagsinformationUnconfiguredTest extends SandboxTest {

    public static class WithoutForetagsinformation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.foretagsinformation.url", "");
        }
    }

    @Test
    void itsItemsCarryTheGatewaysOwnErrorAndTheOthersAreAnswered() {
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(33)), "UD0001", "UD0014", "UD0045", "UD0047", "UD0048")).statusCode(200)
                .body("items.UD0001.value", org.hamcrest.Matchers.notNullValue())
                .body("items.UD0014.error.type", equalTo("OtillgangligUppgiftskalla"))
                .body("items.UD0014.error.source", equalTo("Formedlare"))
                .body("items.UD0014.error.description", containsString("no source is configured"))
                .body("items.UD0048.error.description", containsString("quarkus.rest-client.foretagsinformation.url"));
        assertThat(sandbox.calls("bolagsverket-foretagsinformation")).isZero();
    }
}
