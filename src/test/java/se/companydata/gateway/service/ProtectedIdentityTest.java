package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.sandbox.Fault;
import se.companydata.gateway.sandbox.SandboxProducer;

@QuarkusTest
class ProtectedIdentityTest extends SandboxTest {

    private static final String[] ADDRESS_ITEMS = {"UD0003", "UD0009", "UD0010", "UD0023", "UD0040"};

    @Test
    void aProtectedSoleTradersAddressesAreNeverShownNorCached() {
        JsonNode person = TestRegister.first(c -> c.path("person").path("skyddadIdentitet").asBoolean());
        String raw = lookup(body(TestRegister.id(person))).statusCode(200).extract().asString();
        JsonPath answer = JsonPath.from(raw);

        for (String item : ADDRESS_ITEMS) {
            assertThat(answer.getString("items." + item + ".value")).as(item).isNull();
            assertThat(answer.getString("items." + item + ".error.type")).as(item).isEqualTo("EjBehorig");
            assertThat(answer.getString("items." + item + ".error.source")).as(item).isEqualTo("Formedlare");
        }
        // Nothing of any address the producers sent may appear anywhere in the answer.
        for (String street : streetsOf(person)) {
            assertThat(raw).doesNotContain(street);
        }
        assertThat(answer.getString("items.UD0001.value")).isEqualTo(person.path("namn").asText());
        assertThat(answer.getString("items.UD0020.value.surname")).isEqualTo(person.path("person").path("efternamn").asText());

        CompanyId id = CompanyId.parse(TestRegister.id(person), null);
        for (Source source : Source.values()) {
            cache.peek(id, source).ifPresent(cached -> cached.records().forEach(r -> {
                for (UdItem item : UdItem.values()) {
                    if (item.isAddress()) {
                        assertThat(r.values()).as(source + " cached " + item).doesNotContainKey(item);
                    }
                }
            }));
        }
        assertThat(cache.peek(id, Source.BOLAGSVERKET_ORGANISATIONER)).as("the stripped answer is what is cached").isPresent();
    }

    @Test
    void whenSkatteverketCannotConfirmProtectionAddressesAreWithheldAndNothingIsCached() {
        JsonNode person = TestRegister.ordinary("E").get(0);
        sandbox.fault(SandboxProducer.SKATTEVERKET, Fault.ERROR);
        lookup(body(TestRegister.id(person), "UD0001", "UD0003")).statusCode(200)
                .body("items.UD0001.value", equalTo(person.path("namn").asText()))
                .body("items.UD0003.error.type", equalTo("OtillgangligUppgiftskalla"))
                .body("items.UD0003.value", org.hamcrest.Matchers.nullValue());
        assertThat(cache.peek(CompanyId.parse(TestRegister.id(person), null), Source.BOLAGSVERKET_ORGANISATIONER)).isEmpty();

        sandbox.fault(SandboxProducer.SKATTEVERKET, Fault.NONE);
        lookup(body(TestRegister.id(person), "UD0003")).statusCode(200)
                .body("items.UD0003.value.street", equalTo(person.path("postadress").path("utdelningsadress").asText()));
    }

    @Test
    void anUnprotectedSoleTradersAddressIsReleased() {
        JsonNode person = TestRegister.ordinary("E").get(1);
        lookup(body(TestRegister.id(person), "UD0023", "UD0003")).statusCode(200)
                .body("items.UD0023.value.street", equalTo(person.path("person").path("folkbokforingsadress").path("utdelningsadress").asText()))
                .body("items.UD0003.value.street", equalTo(person.path("postadress").path("utdelningsadress").asText()));
    }

    @Test
    void severalBusinessesWithoutLopnummerAreAmbiguousAndLopnummerChooses() {
        String pnr = TestRegister.first(c -> c.path("namnskyddslopnummer").asInt() == 2).path("identitetsbeteckning").asText();
        lookup(body(pnr, "UD0001", "UD0020")).statusCode(200)
                .body("items.UD0001.error.type", equalTo("TvetydigBegaran"))
                .body("items.UD0001.error.description", equalTo("the person has 2 businesses (namnskyddslopnummer 1, 2); give namnskyddslopnummer to choose one"))
                // Skatteverket knows the person, not the business: its items are not ambiguous.
                .body("items.UD0020.value.givenName", org.hamcrest.Matchers.notNullValue());
        for (int lopnummer : new int[] {1, 2}) {
            JsonNode business = TestRegister.first(c -> c.path("identitetsbeteckning").asText().equals(pnr) && c.path("namnskyddslopnummer").asInt() == lopnummer);
            lookup("{\"identity\":\"" + pnr + "\",\"namnskyddslopnummer\":" + lopnummer + ",\"items\":[\"UD0001\"]}").statusCode(200)
                    .body("identity.namnskyddslopnummer", equalTo(lopnummer))
                    .body("items.UD0001.value", equalTo(business.path("namn").asText()));
        }
        lookup("{\"identity\":\"" + pnr + "\",\"namnskyddslopnummer\":3,\"items\":[\"UD0001\"]}").statusCode(200)
                .body("items.UD0001.error.type", equalTo("ForetagFinnsEj"));
    }

    private static List<String> streetsOf(JsonNode company) {
        List<String> streets = new ArrayList<>();
        streets.add(company.path("postadress").path("utdelningsadress").asText());
        streets.add(company.path("besoksadress").path("utdelningsadress").asText());
        streets.add(company.path("person").path("folkbokforingsadress").path("utdelningsadress").asText());
        company.path("arbetsstallen").forEach(w -> {
            streets.add(w.path("postadress").path("utdelningsadress").asText());
            streets.add(w.path("besoksadress").path("utdelningsadress").asText());
        });
        return streets;
    }
}
