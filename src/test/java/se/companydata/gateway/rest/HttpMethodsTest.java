package se.companydata.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;

/**
 * Methods outside the set the gateway answers are refused before anything reads the request, and can
 * no longer grow the metrics: 6 000 distinct methods from a trusted certificate leave the series
 * unchanged but for one {@code OTHER}, and the scrape answering.
 */
@QuarkusTest
class HttpMethodsTest extends SandboxTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TestPki.sslContext(CONSUMER)).build();

    @Test
    void sixThousandDistinctMethodsLeaveTheMetricSeriesBounded() throws Exception {
        lookup(body("5560360793", "UD0001"));
        send("MX0");
        Set<String> before = series();
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 1; i <= 6000; i++) {
            inFlight.acquire();
            answers.add(sendAsync("MX" + i).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.join().statusCode()).isEqualTo(501);
            assertThat(a.join().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        Set<String> after = series();
        assertThat(after).as("series after 6 000 methods").isEqualTo(before);
        assertThat(after.stream().filter(s -> s.contains("method=\"MX"))).isEmpty();
        assertThat(after).anyMatch(s -> s.contains("method=\"OTHER\""));
    }

    @Test
    void theRefusalSaysWhatIsAnsweredAndReachesNoAuditOrResource() throws Exception {
        long audited = auditRecords();
        HttpResponse<String> answer = send("PROPFIND");
        assertThat(answer.statusCode()).isEqualTo(501);
        assertThat(answer.body()).contains("\"status\":501").contains("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
                .doesNotContain("PROPFIND").doesNotContain("Exception");
        assertThat(sandbox.totalCalls()).isZero();
        assertThat(auditRecords()).as("no record of a request nobody read").isEqualTo(audited);
    }

    private HttpResponse<String> send(String method) throws Exception {
        return sendAsync(method).join();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/lookup"))
                .header("X-Service-Name", SERVICE).method(method, HttpRequest.BodyPublishers.ofString(body("5560360793")))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The metric series on the management port: each line's name and labels, without its value. */
    private Set<String> series() {
        String metrics = management().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(metrics.split("\n")).filter(l -> !l.startsWith("#") && l.startsWith("http_server"))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(Collectors.toSet());
    }

    private long auditRecords() {
        String metrics = management().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(metrics.split("\n")).filter(l -> l.startsWith("gateway_audit_commit_seconds_count"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
