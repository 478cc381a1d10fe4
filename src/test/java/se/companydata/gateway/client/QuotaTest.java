package se.companydata.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;
import se.companydata.gateway.sandbox.SandboxProducer;
import se.companydata.gateway.service.LookupService;

/**
 * Producers' quotas: the gateway never sends more than a quota allows, serves people before case
 * systems when calls must wait, refuses in time what cannot be served in time, and pauses on a
 * producer's own 429. SCB with its real quota (10 calls per 10 s) in the gateway and in the sandbox;
 * Bolagsverket with a short one (4 per second) for the queue's order; Skatteverket's sandbox with a
 * quota smaller than the gateway's, for the 429.
 */
@QuarkusTest
@TestProfile(QuotaTest.Quotas.class)
class QuotaTest extends SandboxTest {

    public static class Quotas implements QuotaTestProfile {
    }

    /** A profile of its own (a restart), shared by nothing else. */
    public interface QuotaTestProfile extends QuarkusTestProfile {
        @Override
        default Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("gateway.lookup.deadline", "2500ms"),
                    Map.entry("gateway.quotas.scb.calls", "10"), Map.entry("gateway.quotas.scb.period", "10s"),
                    Map.entry("gateway.sandbox.scb.quota.calls", "10"), Map.entry("gateway.sandbox.scb.quota.period", "10s"),
                    Map.entry("gateway.quotas.bolagsverket.calls", "4"), Map.entry("gateway.quotas.bolagsverket.period", "1s"),
                    Map.entry("gateway.quotas.skatteverket.calls", "100"), Map.entry("gateway.quotas.skatteverket.period", "10s"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProducerQuotas quotas;

    @Inject
    LookupService service;

    private final List<String> companies = TestRegister.all().stream()
            .filter(c -> !c.has("sandboxFaults") && !c.has("fel") && c.path("identitetsbeteckning").asText().length() == 10)
            .map(TestRegister::id).toList();

    @BeforeEach
    void freshQuotas() {
        quotas.resetAll();
    }

    @Test
    void aHundredUncachedLookupsInTenSecondsNeverExceedScbsQuota() throws Exception {
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(lookupAsync("{\"identity\":\"" + companies.get(i) + "\",\"items\":[\"UD0002\"],\"anvandningsomrade\":\"IndirektAteranvandning\"}")
                    .thenApply(QuotaTest::json));
            Thread.sleep(100);
        }
        List<JsonNode> done = answers.stream().map(CompletableFuture::join).toList();

        assertThat(sandbox.quotaRefusals(SandboxProducer.SCB)).as("429s from SCB").isZero();
        assertThat(sandbox.mostCallsInAnyWindow(SandboxProducer.SCB)).as("SCB calls in any 10 s window").isLessThanOrEqualTo(10);
        List<JsonNode> answered = done.stream().filter(a -> a.path("items").path("UD0002").has("value")).toList();
        List<JsonNode> refused = done.stream().filter(a -> a.path("items").path("UD0002").has("error")).toList();
        assertThat(answered).as("as many as the quota carries").hasSizeBetween(10, 20);
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.path("items").path("UD0002").path("error").path("type").asText()).isEqualTo("OtillgangligUppgiftskalla");
            assertThat(a.path("items").path("UD0002").path("error").path("description").asText()).contains("quota").contains("exhausted");
        });
        assertThat(breakers.state(Producer.SCB)).isEqualTo(ProducerBreaker.State.CLOSED);
    }

    @Test
    void peopleAreServedBeforeCaseSystemsWhenCallsMustWait() throws Exception {
        // Bolagsverket's quota (4 per second) spent, then four case-system calls queue up, then four for people.
        List<String> ids = companies.subList(110, 122);
        for (String id : ids.subList(0, 4)) {
            lookupAsync(body(id, "UD0025")).join();
        }
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (String id : ids.subList(4, 8)) {
            pending.add(lookupAsync(withUseArea(id, "DirektAteranvandning")).thenAccept(r -> finished.add("batch " + answered(r))));
        }
        Thread.sleep(50);
        for (String id : ids.subList(8, 12)) {
            pending.add(lookupAsync(withUseArea(id, "IndirektAteranvandning")).thenAccept(r -> finished.add("person " + answered(r))));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

        // Every person is served, before any case system; case systems take what is left, or are refused at once.
        List<String> served = finished.stream().filter(f -> f.endsWith("answered")).toList();
        assertThat(served.subList(0, 4)).as("the first four served").containsOnly("person answered");
        assertThat(finished).filteredOn(f -> f.startsWith("person")).containsOnly("person answered");
    }

    @Test
    void aCallerWithAShortBudgetGetsTheQuotaErrorAtOnceNotATimeout() throws Exception {
        for (int i = 0; i < 10; i++) {
            lookupAsync("{\"identity\":\"" + companies.get(130 + i) + "\",\"items\":[\"UD0002\"],\"anvandningsomrade\":\"IndirektAteranvandning\"}").join();
        }
        // SCB's window is spent for ~10 s; a caller with a 500 ms budget cannot be served within it.
        LookupResult result = service.lookup(new LookupRequest(CompanyId.parse(companies.get(141), null), Set.of(UdItem.UD0002), "tx-short",
                EnumSet.allOf(UdItem.class), EnumSet.allOf(UseArea.class), UseArea.IndirektAteranvandning, null, Duration.ofMillis(500),
                "2120009010/SERVTILLSTBV")).await().atMost(Duration.ofSeconds(5));
        var item = result.items().get(0);
        assertThat(item.error().type().name()).isEqualTo("OtillgangligUppgiftskalla");
        assertThat(item.error().description()).contains("SCB's quota (10 calls per 10 s) is exhausted");
        assertThat(sandbox.quotaRefusals(SandboxProducer.SCB)).isZero();
    }

    @Test
    void aProducersOwn429PausesItWithoutOpeningTheBreaker() throws Exception {
        // Skatteverket's sandbox allows 2 calls per 10 s, fewer than the gateway believes (100).
        sandbox.quota(SandboxProducer.SKATTEVERKET, 2, Duration.ofSeconds(10));
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            answers.add(json(lookupAsync(body(companies.get(150 + i), "UD0029")).join()));
        }
        assertThat(answers.subList(0, 2)).allSatisfy(a -> assertThat(a.path("items").path("UD0029").has("value")).isTrue());
        assertThat(answers.get(2).path("items").path("UD0029").path("error").path("description").asText())
                .contains("quota is exhausted: it answered HTTP 429");
        assertThat(sandbox.quotaRefusals(SandboxProducer.SKATTEVERKET)).as("one 429, then the gateway waits as told").isEqualTo(1);
        assertThat(answers.subList(3, 25)).allSatisfy(a -> assertThat(a.path("items").path("UD0029").path("error").path("description").asText())
                .contains("quota"));
        assertThat(breakers.state(Producer.Skatteverket)).isEqualTo(ProducerBreaker.State.CLOSED);
    }

    @Test
    void theSandboxsOwnQuotaAnswers429WithRetryAfter() throws Exception {
        sandbox.quota(SandboxProducer.SCB, 2, Duration.ofSeconds(10));
        HttpClient gateway = HttpClient.newBuilder().sslContext(TestPki.sslContext("gateway")).build();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(gateway.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/sandbox/scb/api/Je/HamtaForetag"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"Variabler\":[{\"Variabel\":\"OrgNr (10 siffror)\",\"Operator\":\"ArLikaMed\",\"Varde1\":\"" + companies.get(0)
                                    + "\",\"Varde2\":\"\"}]}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(responses.subList(0, 2)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.get(2).statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(responses.get(2).headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 10L);
        assertThat(sandbox.quotaRefusals(SandboxProducer.SCB)).isEqualTo(1);
    }

    private static String withUseArea(String identity, String useArea) {
        return "{\"identity\":\"" + identity + "\",\"items\":[\"UD0025\"],\"anvandningsomrade\":\"" + useArea + "\"}";
    }

    private static String answered(HttpResponse<String> response) {
        return json(response).path("items").path("UD0025").has("value") ? "answered" : "refused";
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
