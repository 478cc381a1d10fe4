package se.companydata.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.TestRegister;

/** The docs' examples name sandbox identities; a regenerated register must not leave them dangling. */
class DocIdentitiesTest {

    private static final Pattern IDENTITY = Pattern.compile("`(\\d{6}-?\\d{4}|\\d{8}-?\\d{4})`|\"identity\":\"([\\d-]+)\"");

    @Test
    void everyIdentityTheDocsNameIsInTheSandboxRegister() throws IOException {
        // Company identities stand in the sandbox doc's table and in request bodies; organisationsnummer
        // of consumers (in the security doc) are not companies of the register.
        String sandboxDoc = Files.readString(Path.of("docs/sandbox.md"));
        int companies = sandboxDoc.indexOf("## The simulated producers and their companies");
        StringBuilder text = new StringBuilder(sandboxDoc.substring(companies, sandboxDoc.indexOf("\n## ", companies + 1)));
        try (Stream<Path> docs = Stream.concat(Stream.of(Path.of("README.md")), Files.list(Path.of("docs")))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                Files.readString(doc).lines().filter(l -> l.contains("\"identity\":")).forEach(l -> text.append('\n').append(l));
            }
        }
        String readme = text.toString();
        Set<String> registered = TestRegister.all().stream().map(TestRegister::id).collect(Collectors.toSet());
        var matcher = IDENTITY.matcher(readme);
        int found = 0;
        while (matcher.find()) {
            String id = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).replace("-", "");
            assertThat(registered).as("the docs name " + id).contains(id);
            found++;
        }
        assertThat(found).as("identities found in the docs").isGreaterThanOrEqualTo(14);
    }

    @Test
    void theReservedFaultIdentitiesDoWhatTheDocsSay() {
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("5599080966")).path("sandboxFaults").path("bolagsverket").asText()).isEqualTo("RESET");
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("5590976659")).path("sandboxFaults").path("scb").asText()).isEqualTo("TIMEOUT");
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("5564392115")).path("sandboxFaults").path("skatteverket").asText()).isEqualTo("SLOW");
        assertThat(TestRegister.first(c -> TestRegister.id(c).equals("198406159932")).path("person").path("skyddadIdentitet").asBoolean()).isTrue();
        assertThat(TestRegister.all().stream().filter(c -> TestRegister.id(c).equals("197802289806")).count()).isEqualTo(2);
    }
}
