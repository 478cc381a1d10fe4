package se.companydata.gateway.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestRegister;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.CompanyNotFoundException;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;
import se.companydata.gateway.service.LookupService;

/**
 * Every answer the sandbox register can produce — each company kind, sole traders (also protected
 * and ambiguous ones), every reserved fault identity — written as an SSBTGU v2 answer is valid under
 * the project's schema and, when ../shared is there, under the official one; and it carries the
 * producers' values unchanged.
 */
@QuarkusTest
class SsbtguAnswersTest extends SandboxTest {

    private static final SsbtguAnswers.Header HEADER = new SsbtguAnswers.Header("45yhryh6746h56",
            new SsbtguParty(IdentityType.Organisationsnummer, "2120009010", "Exempelby kommun", "SERVTILLSTBV"),
            new SsbtguParty(IdentityType.Personnummer, "198112189876", "Anna Exempelsson", null),
            new SsbtguParty(IdentityType.Organisationsnummer, "5599000014", "Company-data gateway", "SSBTGU"));

    @Inject
    LookupService service;

    @Test
    void everySandboxAnswerIsAValidSsbtguAnswerWithTheProducersValuesUnchanged() throws Exception {
        Schema own = ContractCompatibilityTest.ownSchema();
        Schema official = officialSchema();
        int answers = 0;
        int values = 0;
        List<String> itemErrors = new ArrayList<>();
        for (JsonNode company : TestRegister.all()) {
            LookupResult result;
            try {
                result = lookUp(company);
            } catch (CompanyNotFoundException notFound) {
                continue;
            }
            String envelope = SoapEnvelope.of(SsbtguAnswers.answer(HEADER, result));
            Element answer = Xml.body(envelope);
            own.newValidator().validate(new DOMSource(answer));
            if (official != null) {
                official.newValidator().validate(new DOMSource(answer));
            }
            List<Element> items = Xml.items(answer);
            assertThat(items).extracting(Element::getLocalName)
                    .as("one element per item, in UD order").containsExactlyElementsOf(result.items().stream().map(i -> i.item().name()).toList());
            for (int i = 0; i < items.size(); i++) {
                ItemResult expected = result.items().get(i);
                Element written = items.get(i);
                if (expected.error() != null) {
                    assertThat(Xml.child(written, Ssbtgu.FEL, "Fel").getAttribute("Typ")).isEqualTo(expected.error().type().name());
                } else if (expected.value() instanceof ItemValue.Text text && Xml.child(written, Ssbtgu.FEL, "Fel") == null) {
                    assertThat(Xml.lastElement(written).getTextContent()).as(expected.item() + " passes through unchanged").isEqualTo(text.text());
                    values++;
                } else if (Xml.child(written, Ssbtgu.FEL, "Fel") != null) {
                    itemErrors.add(expected.item().name());
                }
            }
            answers++;
        }
        assertThat(answers).as("answers written").isGreaterThan(200);
        assertThat(values).as("single-text values compared").isGreaterThan(1000);
        // The values SSBTGU's structure cannot carry unchanged become a Fel (documented); nothing else does.
        assertThat(Set.copyOf(itemErrors)).isSubsetOf(Set.of("UD0027", "UD0048", "UD0050"));
    }

    @Test
    void aValueTheContractCannotCarryUnchangedBecomesAnOdefinieradFel() {
        var item = ItemResult.disclosed(UdItem.UD0029, Producer.Skatteverket, Instant.now(), new ItemValue.Text("Kanske"));
        XmlNode written = SsbtguAnswers.item(item);
        XmlNode fel = written.children().get(1);
        assertThat(fel.name()).isEqualTo("Fel");
        assertThat(fel.attributes()).containsEntry("Typ", "Odefinierad").containsEntry("Kalla", "Formedlare");
        assertThat(fel.children().get(0).text()).isEqualTo("Skatteverket's value of UD0029 cannot be given in SSBTGU's structure unchanged: 'Kanske' is neither Ja nor Nej");
    }

    private LookupResult lookUp(JsonNode company) {
        // No löpnummer: the two-business person's lookups are the ambiguous ones (TvetydigBegaran).
        CompanyId id = CompanyId.parse(TestRegister.id(company), null);
        Set<UdItem> all = EnumSet.allOf(UdItem.class);
        return service.lookup(new LookupRequest(id, Set.of(), "tx-" + id.number(), all, Set.of(UseArea.IndirektAteranvandning),
                UseArea.IndirektAteranvandning, null, null)).await().atMost(Duration.ofSeconds(10));
    }

    private static Schema officialSchema() throws Exception {
        if (!Files.isDirectory(ContractCompatibilityTest.OFFICIAL)) {
            return null;
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return factory.newSchema(ContractCompatibilityTest.OFFICIAL.resolve("schema/ssbtgu/GrundlaggandeUppgifter.xsd").toFile());
    }
}
