package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * Many callers at once: misses collapse, answers never mix. These tests check correctness under
 * concurrency, not speed, so producer timeouts are relaxed: a cold JVM on two cores serving the
 * gateway, the sandbox and 200 clients at once must not turn a correctness test into a timing test.
 */
@QuarkusTest
@TestProfile(ConcurrentLookupTest.RelaxedTimeouts.class)
class ConcurrentLookupTest extends SandboxTest {

    public static class RelaxedTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Tokens too: the test profile's 4 s tokens can expire while 200 calls queue for pooled connections on a
            // cold JVM, and each refused call would be counted as a second Bolagsverket call (token renewal has its own test).
            return Map.of("gateway.lookup.deadline", "15s",
                    "gateway.producers.bolagsverket.timeout", "10s",
                    "gateway.producers.scb.timeout", "10s",
                    "gateway.producers.skatteverket.timeout", "10s",
                    "gateway.sandbox.oauth2.token-lifetime", "300s",
                    "gateway.producers.bolagsverket.oauth2.refresh-margin", "30s");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCallerWhoHangsUpDoesNotCancelTheLoadOthersAreWaitingFor() throws Exception {
        JsonNode company = TestRegister.ordinary("AB").get(30);
        sandbox.latency(SandboxProducer.BOLAGSVERKET, Duration.ofMillis(600));
        String json = body(TestRegister.id(company), "UD0001");
        try (var impatient = new java.net.Socket("localhost", port)) {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            impatient.getOutputStream().write(("POST /api/v1/lookup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            impatient.getOutputStream().write(bytes);
            impatient.getOutputStream().flush();
            Thread.sleep(150);
            CompletableFuture<HttpResponse<String>> patient = lookupAsync(json);
            Thread.sleep(150);
            impatient.close();
            HttpResponse<String> answer = patient.join();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("items").path("UD0001").path("value").asText()).isEqualTo(company.path("namn").asText());
        }
        assertThat(sandbox.calls("bolagsverket")).isEqualTo(1);
        assertThat(cache.peek(se.companydata.gateway.domain.CompanyId.parse(TestRegister.id(company), null),
                se.companydata.gateway.domain.Source.BOLAGSVERKET_ORGANISATIONER)).as("the load completed and was kept").isPresent();
    }

    @Test
    void fiftyConcurrentMissesForOneCompanyMakeOneCallPerProducer() {
        String id = TestRegister.id(TestRegister.ordinary("AB").get(22));
        for (SandboxProducer p : SandboxProducer.values()) {
            sandbox.latency(p, Duration.ofMillis(300));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(lookupAsync(body(id)));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        for (var answer : answers) {
            assertThat(answer.join().statusCode()).isEqualTo(200);
        }
        assertThat(sandbox.callCounts()).containsOnlyKeys("bolagsverket", "bolagsverket-foretagsinformation", "scb-foretag", "scb-arbetsstallen", "skatteverket")
                .allSatisfy((endpoint, calls) -> assertThat(calls).as(endpoint).isEqualTo(1L));
    }

    @Test
    void concurrentLookupsOfDifferentCompaniesNeverMixData() throws Exception {
        List<JsonNode> companies = TestRegister.all().stream()
                .filter(c -> !c.has("sandboxFaults") && !c.has("fel") && c.path("identitetsbeteckning").asText().length() == 10).limit(200).toList();
        assertThat(companies).hasSize(200);
        for (SandboxProducer p : SandboxProducer.values()) {
            sandbox.set(p, new se.companydata.gateway.sandbox.SandboxControl.Behaviour(Fault.NONE, Duration.ofMillis(50), Duration.ofMillis(100)));
        }
        // Connections first, as in a running service: a cold JVM doing hundreds of TLS handshakes at once is not the subject here.
        assertThat(lookupAsync(body(TestRegister.id(TestRegister.ordinary("SF").get(0)), "UD0001", "UD0002", "UD0029", "UD0034")).join().statusCode()).isEqualTo(200);
        cache.invalidateAll();
        sandbox.reset();
        for (SandboxProducer p : SandboxProducer.values()) {
            sandbox.set(p, new se.companydata.gateway.sandbox.SandboxControl.Behaviour(Fault.NONE, Duration.ofMillis(50), Duration.ofMillis(100)));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (JsonNode c : companies) {
            answers.add(lookupAsync(body(TestRegister.id(c), "UD0001", "UD0002", "UD0029", "UD0034", "UD0003")));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < companies.size(); i++) {
            JsonNode expected = companies.get(i);
            HttpResponse<String> response = answers.get(i).join();
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("identity").path("number").asText()).isEqualTo(TestRegister.id(expected));
            JsonNode items = answer.path("items");
            assertThat(items.path("UD0001").path("value").asText()).as(response.body()).isEqualTo(expected.path("namn").asText());
            assertThat(items.path("UD0002").path("value").path("code").asText()).as(response.body()).isEqualTo(expected.path("juridiskForm").path("kod").asText());
            assertThat(items.path("UD0029").path("value").asText()).as(response.body()).isEqualTo(expected.path("skatt").path("fskatt").asText());
            assertThat(items.path("UD0003").path("value").path("street").asText()).as(response.body()).isEqualTo(expected.path("postadress").path("utdelningsadress").asText());
            List<String> cfar = new ArrayList<>();
            items.path("UD0034").path("value").forEach(n -> cfar.add(n.asText()));
            assertThat(cfar).containsExactlyElementsOf(expected.path("arbetsstallen").findValuesAsText("cfarNummer"));
        }
        assertThat(sandbox.calls("bolagsverket")).isEqualTo(200);
    }
}
