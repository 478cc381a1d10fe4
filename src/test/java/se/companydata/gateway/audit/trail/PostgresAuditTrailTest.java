package se.companydata.gateway.audit.trail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.PostgresServer;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.audit.DisclosureAudit;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.postgres.PostgresVerifier;
import se.companydata.gateway.audit.report.DisclosureRegister;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

/**
 * The gateway with its audit trail in a real PostgreSQL server (schema migrated by the Flyway extension at
 * start as the owner; records written as the INSERT-and-SELECT writer role): every answer is a row of this
 * writer's chain, auditors read the disclosure register and the service-level report from it, and a
 * stopped database refuses every answer until it returns.
 */
@QuarkusTest
@TestProfile(PostgresAuditTrailTest.PostgresStore.class)
@QuarkusTestResource(value = PostgresServer.Resource.class, restrictToAnnotatedClass = true,
        initArgs = {@ResourceArg(name = "database", value = PostgresAuditTrailTest.DATABASE), @ResourceArg(name = "writer", value = PostgresAuditTrailTest.WRITER)})
class PostgresAuditTrailTest extends SandboxTest {

    static final String DATABASE = "audit_gateway_test";
    static final String WRITER = "pod-test-0";

    public static class PostgresStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.audit.probe-interval", "200ms");
        }
    }

    @Inject
    StoredAuditTrail trail;

    @Inject
    AuditAnchoring anchoring;

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().config(TestPki.restAssured("gateway")).header("X-Service-Name", "AUDIT");
    }

    private static VerificationResult verify() throws Exception {
        try (Connection c = PostgresServer.shared().as(PostgresServer.WRITER, DATABASE)) {
            return PostgresVerifier.verify(c, Map.of());
        }
    }

    @Test
    void everyAnswerIsARowOfThisWritersChainAndAuditorsReadTheRegisterAndTheReport() throws Exception {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(3));
        List<String> people = TestRegister.ordinary("E").stream().map(TestRegister::id)
                .filter(id -> id.replace("-", "").length() == 12 && !id.startsWith("16")).toList();
        String soleTrader = people.get(0);
        String anotherPerson = people.get(1);
        lookup("{\"identity\":\"" + company + "\",\"items\":[\"UD0001\",\"UD0029\"],\"anvandare\":{\"organisationsnummer\":\"2120009010\",\"namn\":\"Exempelby kommun\"}}")
                .statusCode(200);
        sandbox.fault(SandboxProducer.SKATTEVERKET, Fault.UNAVAILABLE);
        cache.invalidateAll();
        lookup(body(company, "UD0001", "UD0029")).statusCode(200);
        sandbox.reset();
        lookup("{\"identity\":\"" + soleTrader + "\",\"items\":[\"UD0001\"],\"anvandare\":{\"personnummer\":\"" + anotherPerson + "\",\"namn\":\"Anna Annan\"}}")
                .statusCode(200);
        lookup(body("55600000", "UD0001")).statusCode(400);

        try (Connection c = PostgresServer.shared().superuser(DATABASE); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT outcome, caller, service FROM audit_record WHERE writer = '" + WRITER
                     + "' AND company = '" + company + "' ORDER BY seq")) {
            assertThat(rows.next()).isTrue();
            assertThat(List.of(rows.getString(1), rows.getString(2), rows.getString(3))).containsExactly("ANSWERED", "2120009010", "SERVTILLSTBV");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("PARTIAL");
            assertThat(rows.next()).isFalse();
        }

        JsonNode register = json(auditor().when().get("/api/v1/audit/disclosures?identity=" + company)
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertThat(register.path("entries").asInt()).isEqualTo(2);
        JsonNode first = register.path("disclosures").get(0);
        assertThat(first.path("consumerOrganisationsnummer").asText()).isEqualTo("2120009010");
        assertThat(first.path("eService").asText()).isEqualTo("SERVTILLSTBV");
        assertThat(first.path("onBehalfOf").path("number").asText()).as("an organisation on whose behalf is shown").isEqualTo("2120009010");
        assertThat(first.path("disclosed").findValuesAsText("producer")).containsExactlyInAnyOrder("Bolagsverket", "Skatteverket");
        JsonNode partial = register.path("disclosures").get(1);
        assertThat(partial.path("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(partial.path("withheld").get(0).path("item").asText()).isEqualTo("UD0029");
        assertThat(partial.path("withheld").get(0).path("producer").asText()).isEqualTo("Skatteverket");
        assertThat(partial.path("withheld").get(0).path("errorType").asText()).isEqualTo("OtillgangligUppgiftskalla");

        String csv = auditor().accept("text/csv").when().get("/api/v1/audit/disclosures?identity=" + company)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).contains("UD0029 (Skatteverket: OtillgangligUppgiftskalla");

        String personal = auditor().when().get("/api/v1/audit/disclosures?identity=" + soleTrader).then().statusCode(200).extract().asString();
        assertThat(json(personal).path("disclosures").get(0).path("onBehalfOf").path("name").asText()).isEqualTo(DisclosureRegister.ANOTHER_PERSON);
        assertThat(personal).as("a person's register never shows another person").doesNotContain(anotherPerson).doesNotContain("Anna Annan");

        auditor().when().get("/api/v1/audit/disclosures?identity=55600000").then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/audit/disclosures?identity=" + company).then().statusCode(403)
                .body("type", equalTo("urn:company-data-gateway:problem:not-an-auditor"));

        JsonNode report = json(auditor().when().get("/api/v1/audit/service-levels?from=2020-01-01").then().statusCode(200).extract().asString());
        JsonNode exempelby = null;
        for (JsonNode consumer : report.path("consumers")) {
            if (consumer.path("eService").asText().equals("SERVTILLSTBV")) {
                exempelby = consumer;
            }
        }
        assertThat(exempelby).isNotNull();
        assertThat(exempelby.path("refused").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(exempelby.path("partial").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(exempelby.path("producers").path("Skatteverket").path("withError").asLong()).isGreaterThanOrEqualTo(1);
        String page = auditor().accept("text/html").when().get("/api/v1/audit/service-levels?from=2020-01-01")
                .then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(page).contains("<svg").contains("SERVTILLSTBV").doesNotContain("<script");

        VerificationResult result = verify();
        assertThat(result.ok()).as(result.message()).isTrue();
    }

    @Test
    void theGatewaysSignedAnchorNamesRowsCutFromTheEnd() throws Exception {
        for (int i = 0; i < 3; i++) {
            lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(10 + i)), "UD0001")).statusCode(200);
        }
        AuditAnchor anchor = anchoring.anchor(WRITER, trail.head()).orElseThrow();
        PublicKey serverKey;
        try (var in = Files.newInputStream(TestPki.DIR.resolve("server.crt"))) {
            serverKey = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
        }
        assertThat(anchor.problem(List.of(serverKey))).as("signed with the API server's key").isNull();
        try (Connection c = PostgresServer.shared().superuser(DATABASE); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE newest AS SELECT * FROM audit_record WHERE writer = '" + WRITER + "' AND seq = " + anchor.seq());
            s.execute("DELETE FROM audit_record WHERE writer = '" + WRITER + "' AND seq = " + anchor.seq());
            try (Connection writer = PostgresServer.shared().as(PostgresServer.WRITER, DATABASE)) {
                assertThat(PostgresVerifier.verify(writer, Map.of(WRITER, anchor)).message())
                        .isEqualTo("writer " + WRITER + ": records cut from the end: the trail ends at seq " + (anchor.seq() - 1)
                                + ", but the anchor of " + anchor.time() + " signed seq " + anchor.seq() + " (seq " + anchor.seq() + " to " + anchor.seq() + " are missing)");
            }
            s.execute("INSERT INTO audit_record SELECT * FROM newest");
        }
        try (Connection writer = PostgresServer.shared().as(PostgresServer.WRITER, DATABASE)) {
            assertThat(PostgresVerifier.verify(writer, Map.of(WRITER, anchor)).ok()).isTrue();
        }
    }

    @Test
    void aStoppedDatabaseRefusesEveryAnswerAndReadinessReturnsWithIt() throws Exception {
        String company = TestRegister.id(TestRegister.ordinary("AB").get(5));
        lookup(body(company, "UD0001")).statusCode(200);
        PostgresServer server = PostgresServer.shared();
        server.stop();
        try {
            String answer = given().contentType(ContentType.JSON).body(body(company, "UD0001")).when().post("/api/v1/lookup")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", equalTo(DisclosureAudit.UNRECORDED)).extract().asString();
            assertThat(answer).doesNotContain("items");
            management().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'audit-trail' }.status", equalTo("DOWN"));
        } finally {
            server.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status = 0;
        while (System.nanoTime() < deadline && (status = management().when().get("/q/health/ready").then().extract().statusCode()) != 200) {
            Thread.sleep(200);
        }
        assertThat(status).as("ready again once the database is back, without a lookup to provoke it").isEqualTo(200);
        lookup(body(company, "UD0001")).statusCode(200);
        VerificationResult result = verify();
        assertThat(result.ok()).as(result.message()).isTrue();
    }
}
