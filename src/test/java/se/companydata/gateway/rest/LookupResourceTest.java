package se.companydata.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.UdItem;

@QuarkusTest
class LookupResourceTest extends SandboxTest {

    @ParameterizedTest(name = "kind {0}")
    @ValueSource(strings = {"AB", "HB", "KB", "EF", "IF", "SF", "E"})
    void mergesAllThreeProducersForEveryKindOfCompany(String kind) {
        JsonNode company = TestRegister.ordinary(kind).get(0);
        JsonPath answer = lookup(body(TestRegister.id(company), "UD0001", "UD0002", "UD0025", "UD0029", "UD0042"))
                .statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(answer.getString("identity.number")).isEqualTo(TestRegister.id(company));
        assertThat(answer.getString("items.UD0001.value")).isEqualTo(company.path("namn").asText());
        assertThat(answer.getString("items.UD0001.producer")).isEqualTo("Bolagsverket");
        assertThat(answer.getString("items.UD0002.value.code")).isEqualTo(company.path("juridiskForm").path("kod").asText());
        assertThat(answer.getString("items.UD0002.producer")).isEqualTo("SCB");
        assertThat(answer.getString("items.UD0025.value.code")).isEqualTo(company.path("organisationsform").path("kod").asText());
        assertThat(answer.getString("items.UD0029.value")).isEqualTo(company.path("skatt").path("fskatt").asText());
        assertThat(answer.getString("items.UD0029.producer")).isEqualTo("Skatteverket");
        assertThat(answer.getString("items.UD0042.value")).isEqualTo(String.valueOf(company.path("arbetsstallen").size()));
        assertThat(answer.getMap("producers")).containsOnlyKeys("Bolagsverket", "SCB", "Skatteverket");
        assertThat(answer.getList("producers.values().status", String.class)).containsOnly("OK");
        assertThat(answer.getString("items.UD0001.retrievedAt")).isNotBlank();
    }

    @Test
    void samordningsnummerIsASoleTraderIdentity() {
        JsonNode company = TestRegister.first(c -> c.path("identitetsbeteckning").asText().matches("\\d{6}[6-9]\\d{5}"));
        lookup(body(TestRegister.id(company), "soleTraderName", "companyName")).statusCode(200)
                .body("identity.type", equalTo("Samordningsnummer"))
                .body("items.UD0020.value.givenName", equalTo(company.path("person").path("fornamn").asText()))
                .body("items.UD0001.value", equalTo(company.path("namn").asText()));
    }

    @Test
    void withoutItemsTheAnswerHoldsEveryItemInUdOrder() {
        JsonNode company = TestRegister.ordinary("AB").get(1);
        JsonPath answer = lookup(body(TestRegister.id(company))).statusCode(200).extract().jsonPath();
        List<String> expected = java.util.Arrays.stream(UdItem.values()).map(Enum::name).toList();
        assertThat(answer.getMap("items").keySet()).containsExactlyElementsOf(expected);
        // An AB has no sole-trader items: the producer says so per item, nothing fails.
        assertThat(answer.getString("items.UD0020.error.type")).isEqualTo("UppgiftFinnsEj");
        assertThat(answer.getString("items.UD0020.error.source")).isEqualTo("Dataproducent");
    }

    @Test
    void valuesArePassedThroughByteForByte() {
        JsonNode witness = TestRegister.first(c -> c.path("namn").asText().contains("\"Smultron\"  AB"));
        JsonPath answer = lookup(body(TestRegister.id(witness), "UD0001", "UD0003", "UD0024", "UD0043", "UD0047"))
                .statusCode(200).extract().jsonPath();
        assertThat(answer.getString("items.UD0001.value")).isEqualTo(witness.path("namn").asText());
        assertThat(answer.getString("items.UD0003.value.street")).isEqualTo(witness.path("postadress").path("utdelningsadress").asText());
        assertThat(answer.getString("items.UD0003.value.city")).isEqualTo(witness.path("postadress").path("postort").asText());
        assertThat(answer.getString("items.UD0047.value")).isEqualTo(witness.path("funktionarer").asText());
        List<Map<String, Object>> workplaces = answer.getList("items.UD0043.value");
        assertThat(workplaces).hasSize(witness.path("arbetsstallen").size());
        for (int i = 0; i < workplaces.size(); i++) {
            JsonNode w = witness.path("arbetsstallen").get(i);
            assertThat(workplaces.get(i)).containsEntry("cfarNumber", w.path("cfarNummer").asText())
                    .containsEntry("value", w.path("benamning").asText());
        }
        List<Map<String, String>> sni = answer.getList("items.UD0024.value");
        for (int i = 0; i < sni.size(); i++) {
            assertThat(sni.get(i).get("text")).isEqualTo(witness.path("sni").get(i).path("klartext").asText());
        }
    }

    @Test
    void statusAndDeregistrationComeFromBolagsverket() {
        JsonNode bankrupt = TestRegister.first(c -> c.path("forfaranden").path(0).path("kod").asText().equals("KK") && !c.has("avregistreringsdatum"));
        lookup(body(TestRegister.id(bankrupt), "status", "deregistrationDate")).statusCode(200)
                .body("items.UD0027.value[0].code", equalTo("KK"))
                .body("items.UD0027.value[0].fromDate", equalTo(bankrupt.path("forfaranden").path(0).path("fromDatum").asText()))
                .body("items.UD0028.error.type", equalTo("UppgiftFinnsEj"));
        JsonNode deregistered = TestRegister.first(c -> c.has("avregistreringsdatum"));
        lookup(body(TestRegister.id(deregistered), "UD0028")).statusCode(200)
                .body("items.UD0028.value", equalTo(deregistered.path("avregistreringsdatum").asText()));
    }

    @Test
    void aProducersOwnBlockErrorIsPassedOnAsItsError() {
        JsonNode company = TestRegister.first(c -> c.has("fel"));
        lookup(body(TestRegister.id(company), "UD0001", "UD0003")).statusCode(200)
                .body("items.UD0001.value", equalTo(company.path("namn").asText()))
                .body("items.UD0003.error.type", equalTo("OtillgangligUppgiftskalla"))
                .body("items.UD0003.error.source", equalTo("Dataproducent"));
    }

    @Test
    void onlyTheProducersHoldingTheRequestedItemsAreCalled() {
        JsonNode company = TestRegister.ordinary("AB").get(2);
        JsonPath answer = lookup(body(TestRegister.id(company), "UD0001", "UD0026")).statusCode(200).extract().jsonPath();
        assertThat(answer.getMap("producers")).containsOnlyKeys("Bolagsverket");
        assertThat(sandbox.callCounts()).isEqualTo(Map.of("bolagsverket", 1L));
    }

    @Test
    void companyThatNoProducerKnowsIsA404Problem() {
        given().contentType(ContentType.JSON).body(body("5560360793", "UD0001", "UD0002", "UD0029"))
                .when().post("/api/v1/lookup")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", is(404))
                .body("detail", equalTo("no producer knows Organisationsnummer 5560360793 (asked: Bolagsverket, SCB, Skatteverket)"));
    }

    @Test
    void transactionIdIsEchoedAndSentToEveryProducer() {
        JsonNode company = TestRegister.ordinary("AB").get(3);
        given().contentType(ContentType.JSON).header("X-Request-Id", "kommun-4711.abc")
                .body(body(TestRegister.id(company), "UD0001", "UD0006", "UD0009", "UD0029"))
                .when().post("/api/v1/lookup")
                .then().statusCode(200).header("X-Request-Id", "kommun-4711.abc").body("transactionId", equalTo("kommun-4711.abc"));
        for (String endpoint : List.of("bolagsverket", "scb-foretag", "scb-arbetsstallen", "skatteverket")) {
            assertThat(sandbox.lastRequestId(endpoint)).as(endpoint).isEqualTo("kommun-4711.abc");
        }
        String generated = lookup(body(TestRegister.id(company), "UD0001")).statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}")).extract().path("transactionId");
        assertThat(generated).matches("[0-9a-f-]{36}");
    }

    @Test
    void anUnsafeRequestIdIsRefused() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "a b<script>")
                .body(body("5560360793")).when().post("/api/v1/lookup")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("X-Request-Id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'"));
        assertThat(sandbox.totalCalls()).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                 | | identity is empty: give an organisationsnummer (10 digits) or a sole trader's personnummer or samordningsnummer (12 digits)",
            "'   '              | | identity is empty: give an organisationsnummer (10 digits) or a sole trader's personnummer or samordningsnummer (12 digits)",
            "55603607           | | identity has 8 digits; expected 10 (organisationsnummer) or 12 (16-prefixed organisationsnummer, personnummer or samordningsnummer)",
            "55603607931        | | identity has 11 digits; expected 10 (organisationsnummer) or 12 (16-prefixed organisationsnummer, personnummer or samordningsnummer)",
            "5560360793123      | | identity has 13 digits; expected 10 (organisationsnummer) or 12 (16-prefixed organisationsnummer, personnummer or samordningsnummer)",
            "556036079          | | identity has 9 digits; expected 10 (organisationsnummer) or 12 (16-prefixed organisationsnummer, personnummer or samordningsnummer)",
            "5560360794         | | organisationsnummer 5560360794 has check digit 4; the Luhn check digit for its first nine digits is 3",
            "556036-0794        | | organisationsnummer 5560360794 has check digit 4; the Luhn check digit for its first nine digits is 3",
            "165560360794       | | organisationsnummer 5560360794 has check digit 4; the Luhn check digit for its first nine digits is 3",
            "5510360793         | | organisationsnummer 5510360793 has third digit 1; it must be 2 or more (a sole trader is identified by a 12-digit personnummer)",
            "0000000000         | | organisationsnummer 0000000000 has third digit 0; it must be 2 or more (a sole trader is identified by a 12-digit personnummer)",
            "8112189876         | | organisationsnummer 8112189876 has third digit 1; it must be 2 or more (a sole trader is identified by a 12-digit personnummer)",
            "556036-07-93       | | identity has more than one hyphen",
            "55603-60793        | | the hyphen must stand right before the last four digits",
            "556036 0793        | | identity may contain only digits and one hyphen; found 'U+0020' at position 7",
            "SE5560360793       | | identity may contain only digits and one hyphen; found 'S' at position 1",
            "556036+0793        | | '''+'' (the separator for people aged 100 or more) belongs to the 10-digit personnummer form; give the 12-digit personnummer instead'",
            "199013011234       | | personnummer 199013011234 has an impossible date: month 13",
            "199000011234       | | personnummer 199000011234 has an impossible date: month 0",
            "199002301234       | | personnummer 199002301234 has an impossible date: day 30 does not exist in 1990-02",
            "199002291234       | | personnummer 199002291234 has an impossible date: day 29 does not exist in 1990-02",
            "199004311234       | | personnummer 199004311234 has an impossible date: day 31 does not exist in 1990-04",
            "199001001234       | | personnummer 199001001234 has an impossible date: day 0 does not exist in 1990-01",
            "199001321234       | | personnummer 199001321234 has an impossible date: day 32 does not exist in 1990-01",
            "199001921234       | | samordningsnummer 199001921234 has an impossible date: day 32 does not exist in 1990-01 (samordningsnummer day is birth day + 60)",
            "171201011234       | | personnummer 171201011234 starts with century 17; expected 18, 19 or 20",
            "211201011234       | | personnummer 211201011234 starts with century 21; expected 18, 19 or 20",
            "209901011234       | | personnummer 209901011234 has a birth date in the future (2099-01-01)",
            "198112189875       | | personnummer 198112189875 has check digit 5; the Luhn check digit for its first nine digits is 6",
            "197010632392       | | samordningsnummer 197010632392 has check digit 2; the Luhn check digit for its first nine digits is 1",
            "5560360793         | 1 | namnskyddslopnummer applies only to a sole trader's personnummer or samordningsnummer, not to an organisationsnummer",
            "198112189876       | 0 | namnskyddslopnummer must be between 1 and 999; got 0",
            "198112189876       | 1000 | namnskyddslopnummer must be between 1 and 999; got 1000",
    })
    void malformedIdentityIsA400ProblemWithAPreciseDetail(String identity, Integer lopnummer, String detail) {
        String json = "{\"identity\":\"" + identity + "\"" + (lopnummer == null ? "" : ",\"namnskyddslopnummer\":" + lopnummer) + "}";
        given().contentType(ContentType.JSON).body(json).when().post("/api/v1/lookup")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:company-data-gateway:problem:invalid-identity"))
                .body("title", equalTo("Bad Request"))
                .body("status", is(400))
                .body("detail", equalTo(detail))
                .body("instance", equalTo("/api/v1/lookup"))
                .body("transactionId", not(nullValue()));
        assertThat(sandbox.totalCalls()).as("no producer is asked about a malformed identity").isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"identity\":\"5560360793\",\"items\":[\"UD0005\",\"foo\"]} | unknown items 'UD0005', 'foo': give UD codes of SSBTGU v2 (UD0001, UD0002, … UD0052) or their aliases, as listed in the OpenAPI document",
            "{\"identity\":\"5560360793\",\"items\":[\"UD0099\"]}         | unknown item 'UD0099': give UD codes of SSBTGU v2 (UD0001, UD0002, … UD0052) or their aliases, as listed in the OpenAPI document",
            "{\"identiti\":\"5560360793\"}                                 | unknown field 'identiti'; the body takes identity, namnskyddslopnummer, items, anvandare and anvandningsomrade",
            "{\"identity\":\"5560360793\",\"items\":\"UD0001\"}           | field 'items' has the wrong type: identity is a string, namnskyddslopnummer a whole number, items a list of strings, anvandare an object, anvandningsomrade a string",
            "{\"identity\":\"198112189876\",\"namnskyddslopnummer\":\"x\"} | field 'namnskyddslopnummer' has the wrong type: identity is a string, namnskyddslopnummer a whole number, items a list of strings, anvandare an object, anvandningsomrade a string",
            "{\"identity\":\"198112189876\",\"namnskyddslopnummer\":\"1\"} | field 'namnskyddslopnummer' has the wrong type: identity is a string, namnskyddslopnummer a whole number, items a list of strings, anvandare an object, anvandningsomrade a string",
            "{\"identity\":\"198112189876\",\"namnskyddslopnummer\":1.5} | field 'namnskyddslopnummer' has the wrong type: identity is a string, namnskyddslopnummer a whole number, items a list of strings, anvandare an object, anvandningsomrade a string",
            "{\"identity\":\"5560360793\",\"identity\":\"5564748530\"} | field 'identity' is given more than once",
            "{\"identity\":\"5560360793\",\"anvandningsomrade\":\"Forskning\"} | field 'anvandningsomrade' is one of [DirektAteranvandning, IndirektAteranvandning] (got Forskning)",
            "{\"identity\":\"5560360793\",\"anvandare\":{\"namn\":\"X\"}} | anvandare takes exactly one of organisationsnummer and personnummer",
            "{\"identity\":\"5560360793\",\"anvandare\":{\"organisationsnummer\":\"2120002411\",\"personnummer\":\"198112189876\"}} | anvandare takes exactly one of organisationsnummer and personnummer",
            "{\"identity\":\"5560360793\",\"anvandare\":{\"organisationsnummer\":\"198112189876\"}} | anvandare.organisationsnummer is a Personnummer",
            "{\"identity\":                                               | the body is not valid JSON (line 1, column 13)",
            "[1,2]                                                        | the body must be a JSON object: {\"identity\": \"…\", \"items\": [\"UD0001\"]}",
            "not json                                                     | the body is not valid JSON (line 1, column 1)",
            "{\"identity\":5560360793}                                   | field 'identity' has the wrong type (got 5560360793): identity is a string, namnskyddslopnummer a whole number, items a list of strings, anvandare an object, anvandningsomrade a string",
            "{\"identity\":\"5560360793\",\"items\":[1]}                  | field 'items[0]' has the wrong type (got 1): identity is a string, namnskyddslopnummer a whole number, items a list of strings, anvandare an object, anvandningsomrade a string",
            "{\"identity\":\"5560360793\"} {\"identity\":\"5564748530\"}  | the body holds more than one JSON value: send one object",
            "{\"identity\":\"5560360793\"}]                             | the body is not valid JSON (line 1, column 26)",
    })
    void malformedBodyIsA400Problem(String json, String detail) {
        given().contentType(ContentType.JSON).body(json).when().post("/api/v1/lookup")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo(detail));
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + port + "/api/v1/lookup"))
                .header("X-Service-Name", SERVICE).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("5560360793"))).build();
        var response = java.net.http.HttpClient.newBuilder().sslContext(se.companydata.gateway.TestPki.sslContext(CONSUMER)).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("send the body as application/json");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void emptyBodyAndWrongMediaTypeAreProblems() {
        given().contentType(ContentType.JSON).when().post("/api/v1/lookup")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the request body is empty: send {\"identity\": \"…\"}"));
        given().contentType(ContentType.TEXT).body("5560360793").when().post("/api/v1/lookup")
                .then().statusCode(415).contentType("application/problem+json").body("detail", equalTo("send the body as application/json"));
        given().when().get("/api/v1/lookup")
                .then().statusCode(405).contentType("application/problem+json").body("detail", equalTo("GET is not allowed here; use POST"));
    }

    @Test
    void aliasesAndCodesSelectTheSameItems() {
        JsonNode company = TestRegister.ordinary("EF").get(0);
        JsonPath byAlias = lookup(body(TestRegister.id(company), "companyName", "FTAX", "ud0002")).statusCode(200).extract().jsonPath();
        assertThat(byAlias.getMap("items").keySet()).containsExactly("UD0001", "UD0002", "UD0029");
        assertThat(byAlias.getString("items.UD0029.name")).isEqualTo("fTax");
    }

    @Test
    void openApiDocumentDescribesTheLookup() {
        management().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("paths.'/api/v1/lookup'.post.summary", not(nullValue()));
    }
}
