package se.companydata.gateway.client.bolagsverket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.VdmContract;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.UdItem;

/** The client reads VDM v1's own published examples (skipped without ../shared) and VDM's rules into domain items. */
class BolagsverketMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSpecsAktiebolagExample() throws Exception {
        ProducerRecord record = only(read(VdmContract.loadOrSkip().example("organisationer-aktiebolag-svar")));
        // The registered name, not the särskilt företagsnamn nor the name in a foreign language.
        assertThat(record.values().get(UdItem.UD0001)).isEqualTo(new ItemValue.Text("Cykelbolaget AB"));
        // A company in konkurs shows its proceedings (the example spells the block "pagande…"), and why it was deregistered.
        var proceedings = (ItemValue.Proceedings) record.values().get(UdItem.UD0027);
        assertThat(proceedings.entries()).extracting(ItemValue.Proceeding::code).containsExactly("LIAV", "KK", "LI");
        assertThat(proceedings.entries().get(1).fromDate()).isEqualTo("2024-01-26");
        assertThat(proceedings.entries().get(0).deregistrationReason()).isTrue();
        // Dates as xs:date; blocks that are SCB's data name SCB.
        assertThat(record.values().get(UdItem.UD0028)).isEqualTo(new ItemValue.Text("2023-05-05"));
        assertThat(record.values().get(UdItem.UD0026)).isEqualTo(new ItemValue.Text("2000-01-23"));
        assertThat(record.producerOf(UdItem.UD0003, Producer.Bolagsverket)).isEqualTo(Producer.SCB);
        assertThat(record.producerOf(UdItem.UD0002, Producer.Bolagsverket)).isEqualTo(Producer.SCB);
        assertThat(record.producerOf(UdItem.UD0046, Producer.Bolagsverket)).isEqualTo(Producer.Bolagsverket);
        assertThat(((ItemValue.CodedList) record.values().get(UdItem.UD0024)).entries()).extracting(ItemValue.Coded::code)
                .containsExactly("47642", "45400");
        assertThat(record.values()).doesNotContainKeys(UdItem.UD0004, UdItem.UD0011, UdItem.UD0012, UdItem.UD0014);
    }

    @Test
    void theSpecsSoleTraderExampleIsTwoBusinesses() throws Exception {
        ProducerAnswer answer = read(VdmContract.loadOrSkip().example("organisationer-enskild-svar"));
        assertThat(answer.records()).extracting(ProducerRecord::namnskyddslopnummer).containsExactly(1, 2);
        assertThat(answer.records().get(1).values().get(UdItem.UD0001)).isEqualTo(new ItemValue.Text("SKO-STALLET, THOMAS CARLSSON"));
        assertThat(answer.records().get(0).values().get(UdItem.UD0028)).isEqualTo(new ItemValue.Text("2001-03-15"));
    }

    @Test
    void theSpecsExampleOfAProducerThatCouldNotDeliver() throws Exception {
        ProducerRecord record = only(read(VdmContract.loadOrSkip().example("organisationer-fel-fran-en-uppgiftskalla-svar")));
        assertThat(record.values()).isEmpty();
        assertThat(record.errors().get(UdItem.UD0001).type()).isEqualTo(ErrorType.OtillgangligUppgiftskalla);
        assertThat(record.errors().get(UdItem.UD0001).description()).contains("Uppkoppling mot Bolagsverket misslyckades");
        assertThat(record.errors().get(UdItem.UD0027).type()).isEqualTo(ErrorType.OtillgangligUppgiftskalla);
    }

    @Test
    void everyExampleOfTheSpecIsRead() throws Exception {
        VdmContract contract = VdmContract.loadOrSkip();
        assertThat(contract.answerExamples()).hasSize(3);
        for (String name : contract.answerExamples()) {
            assertThat(read(contract.example(name)).outcome()).as(name).isEqualTo(ProducerAnswer.Outcome.FOUND);
        }
    }

    @Test
    void theRequestTheClientSendsIsTheContractsRequest() {
        VdmContract contract = VdmContract.loadOrSkip();
        for (String identity : List.of("5560360793", "194009272719")) {
            JsonNode request = JSON.valueToTree(new BolagsverketWire.OrganisationerBegaran(identity));
            assertThat(contract.violations("OrganisationerBegaran", request)).as(identity).isEmpty();
        }
        assertThat(contract.violations("OrganisationerBegaran", JSON.valueToTree(Map.of("orgnr", "5560360793")))).isNotEmpty();
    }

    @Test
    void anOrganisationEveryBlockOfWhichSaysOrganisationFinnsEjIsNotFound() throws Exception {
        Map<String, Object> unknown = Map.of("typ", "ORGANISATION_FINNS_EJ", "felBeskrivning", "Organisationen finns inte.");
        JsonNode svar = JSON.valueToTree(Map.of("organisationer", List.of(Map.of(
                "organisationsnamn", Map.of("fel", unknown, "dataproducent", "Bolagsverket"),
                "organisationsform", Map.of("fel", unknown, "dataproducent", "Bolagsverket"),
                "postadressOrganisation", Map.of("fel", unknown, "dataproducent", "SCB")))));
        ProducerAnswer answer = read(svar);
        assertThat(answer.outcome()).isEqualTo(ProducerAnswer.Outcome.NOT_FOUND);
        assertThat(answer.failure().type()).isEqualTo(ErrorType.ForetagFinnsEj);
        assertThat(answer.cacheable()).as("an identity nobody knows is not remembered").isFalse();
        assertThat(read(JSON.readTree("{\"organisationer\":[]}")).outcome()).isEqualTo(ProducerAnswer.Outcome.NOT_FOUND);
    }

    @Test
    void aDateThatIsNeitherIsAContractViolation() {
        assertThat(BolagsverketMapping.date("2023-05-04T23:30:00.000+00:00")).as("the day it was in Sweden")
                .isEqualTo(new ItemValue.Text("2023-05-05"));
        assertThatThrownBy(() -> BolagsverketMapping.date("5 maj 2023")).isInstanceOf(InvalidProducerAnswerException.class);
    }

    @Test
    void anApiErrorBodyIsReadIntoTheItemsDescription() {
        String body = "{\"type\":\"about:blank\",\"instance\":\"server.error\",\"status\":500,\"title\":\"Internal Server Error\","
                + "\"detail\":\"Ett ohanterat fel har uppstått.\"}";
        assertThat(BolagsverketClient.apiErrorDetail(JSON, body)).isEqualTo("Internal Server Error – Ett ohanterat fel har uppstått.");
        assertThat(BolagsverketClient.apiErrorDetail(JSON, "<html>502</html>")).isNull();
    }

    private static ProducerAnswer read(JsonNode svar) throws Exception {
        ObjectNode copy = svar.deepCopy();
        return BolagsverketMapping.toAnswer(JSON.treeToValue(copy, BolagsverketWire.OrganisationerSvar.class));
    }

    private static ProducerRecord only(ProducerAnswer answer) {
        assertThat(answer.records()).hasSize(1);
        return answer.records().get(0);
    }
}
