package se.companydata.gateway.client.scb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.UdItem;

/** SCB's flat rows as SCB sends them (its column names, blanks in unused slots) to domain items, and the filter SCB takes. */
class ScbMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompanyRowUnderScbsColumnNames() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("OrgNr", "5560360793");
        row.put("Företagsnamn", "Exempel AB");
        row.put("Juridisk form, kod", "49");
        row.put("Juridisk form", "Övriga aktiebolag");
        row.put("E-post", "info@exempel.se");
        row.put("Säteskommun, kod", "2281");
        row.put("Säteskommun", "Sundsvall");
        row.put("Bransch_1, kod", "56100");
        row.put("Bransch_1", "Restaurangverksamhet");
        row.put("Bransch_2, kod", "     ");
        row.put("Bransch_2", " ");
        row.put("Bransch_3, kod", "");
        row.put("Stkl, kod", "3");
        row.put("Stkl", "10-19 anställda");
        row.put("Stkl, oms, kod", "6");
        row.put("Stkl, oms", "50-99 mkr");
        row.put("Fskattstatus, kod", "Ja");
        ProducerRecord record = ScbMapping.foretagAnswer(List.of(row)).records().get(0);
        assertThat(record.values().get(UdItem.UD0004)).isEqualTo(new ItemValue.Text("info@exempel.se"));
        assertThat(record.values().get(UdItem.UD0011)).isEqualTo(new ItemValue.Coded("2281", "Sundsvall"));
        assertThat(((ItemValue.CodedList) record.values().get(UdItem.UD0024)).entries()).as("blank slots are no industries")
                .containsExactly(new ItemValue.Coded("56100", "Restaurangverksamhet"));
        assertThat(record.values().get(UdItem.UD0051)).isEqualTo(new ItemValue.Coded("3", "10-19 anställda"));
        assertThat(record.values().get(UdItem.UD0050)).isEqualTo(new ItemValue.Coded("6", "50-99 mkr"));
        assertThat(record.values().get(UdItem.UD0029)).isEqualTo(new ItemValue.Text("Ja"));
    }

    @Test
    void aWorkplaceRowsSizeClassIsScbsStkl() {
        Map<String, String> row = Map.of("CFARNr", "12345678", "Benämning", "Butiken", "Stkl, kod", "2", "Stkl", "5-9 anställda");
        ProducerRecord record = ScbMapping.arbetsstallenAnswer(List.of(row)).records().get(0);
        var perWorkplace = (ItemValue.PerWorkplace) record.values().get(UdItem.UD0052);
        assertThat(perWorkplace.workplaces()).containsExactly(new ItemValue.WorkplaceValue("12345678", new ItemValue.Coded("2", "5-9 anställda")));
    }

    @Test
    void theFilterFindsCeasedCompaniesAndActiveWorkplaces() {
        JsonNode company = JSON.valueToTree(ScbWire.Filter.companyByOrgNr("5560360793"));
        assertThat(company.has("Företagsstatus")).as("no status: ceased companies are found too").isFalse();
        assertThat(company.has("Registreringsstatus")).isFalse();
        assertThat(company.path("Variabler").get(0).path("Variabel").asText()).isEqualTo("OrgNr (10 siffror)");
        assertThat(company.path("Variabler").get(0).path("Operator").asText()).isEqualTo("ArLikaMed");
        assertThat(company.path("Variabler").get(0).path("Varde1").asText()).isEqualTo("5560360793");
        JsonNode workplaces = JSON.valueToTree(ScbWire.Filter.activeWorkplacesByOrgNr("5560360793"));
        assertThat(workplaces.path("Arbetsställestatus").asText()).isEqualTo("1");
    }
}
