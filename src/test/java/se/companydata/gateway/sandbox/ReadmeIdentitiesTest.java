package se.companydata.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.TestRegister;

/** The README's examples name sandbox identities; a regenerated register must not leave them dangling. */
class ReadmeIdentitiesTest {

    private static final Pattern IDENTITY = Pattern.compile("`(\\d{6}-?\\d{4}|\\d{8}-?\\d{4})`|\"identity\":\"([\\d-]+)\"");

    @Test
    void everyIdentityTheReadmeNamesIsInTheSandboxRegister() throws IOException {
        // Company identities stand in the sandbox section's table and in request bodies; organisationsnummer
        // of consumers (in the security section) are not companies of the register.
        String full = Files.readString(Path.of("README.md"));
        int sandbox = full.indexOf("## Sandbox");
        String readme = full.substring(sandbox, full.indexOf("\n## ", sandbox + 1))
                + String.join("\n", full.lines().filter(l -> l.contains("\"identity\":")).toList());
        Set<String> registered = TestRegister.all().stream().map(TestRegister::id).collect(Collectors.toSet());
        var matcher = IDENTITY.matcher(readme);
        int found = 0;
        while (matcher.find()) {
            String id = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).replace("-", "");
            assertThat(registered).as("README names " + id).contains(id);
            found++;
        }
        assertThat(found).as("identities found in the README").isGreaterThanOrEqualTo(14);
    }

    @Test
    void theReservedFaultIdentitiesDoWhatTheReadmeSays() {
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("5599080966")).path("sandboxFaults").path("bolagsverket").asText()).isEqualTo("RESET");
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("5590976659")).path("sandboxFaults").path("scb").asText()).isEqualTo("TIMEOUT");
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("5564392115")).path("sandboxFaults").path("skatteverket").asText()).isEqualTo("SLOW");
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("198406159932")).path("person").path("skyddadIdentitet").asBoolean()).isTrue();
        assertThat(TestRegister.all().stream().filter(c -> TestRegister.id(c).equals("197802289806")).count()).isEqualTo(2);
    }
}
