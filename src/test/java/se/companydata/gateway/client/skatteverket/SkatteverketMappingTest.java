package se.companydata.gateway.client.skatteverket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.UdItem;

/** Skatteverket's registration answers, as they come over the wire, to domain items. */
class SkatteverketMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompanysRegistrations() throws Exception {
        ProducerAnswer answer = map("""
                {"identitetsbeteckning":"5560360793","fskatt":"Ja","momsregistrerad":"Ja","arbetsgivarregistrerad":"Nej",
                 "skyddadIdentitet":false,"senastAndrad":"2026-11-30"}""");
        ProducerRecord record = answer.records().get(0);
        assertThat(record.values().get(UdItem.UD0029)).isEqualTo(new ItemValue.Text("Ja"));
        assertThat(record.values().get(UdItem.UD0031)).isEqualTo(new ItemValue.Text("Ja"));
        assertThat(record.values().get(UdItem.UD0033)).isEqualTo(new ItemValue.Text("Nej"));
        assertThat(record.values()).as("a company has no person name or folkbokföringsadress").doesNotContainKeys(UdItem.UD0020, UdItem.UD0023);
        assertThat(answer.protectedIdentity()).isFalse();
    }

    @Test
    void aSoleTradersNameAndAddressAndTheProtectedIdentityMarking() throws Exception {
        ProducerAnswer answer = map("""
                {"identitetsbeteckning":"198406159932","fskatt":"Ja","skyddadIdentitet":true,
                 "namn":{"fornamn":"Anna","efternamn":"Exempelsson"},
                 "folkbokforingsadress":{"coAdress":null,"utdelningsadress":"Storgatan 1","postnummer":"85230","postort":"Sundsvall"}}""");
        ProducerRecord record = answer.records().get(0);
        assertThat(record.values().get(UdItem.UD0020)).isEqualTo(new ItemValue.PersonName("Anna", "Exempelsson"));
        assertThat(record.values().get(UdItem.UD0023))
                .isEqualTo(new ItemValue.Address(null, "Storgatan 1", "85230", "Sundsvall", null, null, null));
        assertThat(answer.protectedIdentity()).as("the marking travels with the answer, for the policy to withhold").isTrue();
    }

    @Test
    void anAnswerWithoutItsIdentityIsNoAnswer() {
        assertThatThrownBy(() -> map("{\"fskatt\":\"Ja\"}")).isInstanceOf(InvalidProducerAnswerException.class)
                .hasMessageContaining("identitetsbeteckning");
    }

    private static ProducerAnswer map(String wire) throws Exception {
        return SkatteverketMapping.toAnswer(JSON.readValue(wire, SkatteverketWire.Registrering.class));
    }
}
