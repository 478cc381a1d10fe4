package se.companydata.gateway.audit.trail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestFiles;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.JournalVerifier;

/** When the audit trail cannot make a record durable, the caller gets 503 and no data; readiness goes down. */
@QuarkusTest
@TestProfile(AuditFailClosedTest.SmallJournalFiles.class)
class AuditFailClosedTest extends SandboxTest {

    static final Path DIR = Path.of("target/audit-fail-closed");

    /** Every batch starts a new file, so losing the directory shows at the next record. */
    public static class SmallJournalFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.audit.directory", DIR.toString(), "gateway.audit.max-file-size", "1");
        }
    }

    @Test
    void anUnwritableJournalRefusesEveryAnswer() throws Exception {
        JsonBody company = new JsonBody(TestRegister.ordinary("AB").get(104));
        lookup(company.json()).statusCode(200);

        Path moved = Path.of("target/audit-fail-closed-moved");
        TestFiles.deleteRecursively(moved);
        Files.move(DIR, moved);
        Files.writeString(DIR, "the volume is gone");
        try {
            String answer = given().contentType(ContentType.JSON).body(company.json()).when().post("/api/v1/lookup")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", equalTo("the disclosure could not be recorded in the audit trail, so nothing is disclosed; try again later"))
                    .extract().asString();
            assertThat(answer).doesNotContain(company.name()).doesNotContain("items");
            management().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'audit-trail' }.status", equalTo("DOWN"));
        } finally {
            Files.delete(DIR);
            Files.move(moved, DIR);
        }
        lookup(company.json()).statusCode(200);
        management().when().get("/q/health/ready").then().statusCode(200);
        VerificationResult result = JournalVerifier.verify(DIR);
        assertThat(result.ok()).as(result.message()).isTrue();
    }

    private record JsonBody(com.fasterxml.jackson.databind.JsonNode company) {
        String json() {
            return body(TestRegister.id(company), "UD0001");
        }

        String name() {
            return company.path("namn").asText();
        }
    }

}
