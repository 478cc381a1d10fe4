package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/** An answer sealed for Redis reads back as it was, under its own name and key only, and its name shows no number. */
class AnswerSealTest {

    static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();
    static final CompanyId COMPANY = new CompanyId(IdentityType.Organisationsnummer, "5560123456", null);

    /** One answer holding every kind of item value there is. */
    static ProducerAnswer everyKindOfValue() {
        ItemValue.Coded municipality = new ItemValue.Coded("0180", "Stockholm");
        Map<UdItem, ItemValue> values = Map.of(
                UdItem.UD0001, new ItemValue.Text("Exempelbolaget AB"),
                UdItem.UD0020, new ItemValue.PersonName("Anna", "Andersson"),
                UdItem.UD0002, new ItemValue.Coded("49", "Övriga aktiebolag"),
                UdItem.UD0024, new ItemValue.CodedList(List.of(new ItemValue.Coded("56101", "Restaurangverksamhet"))),
                UdItem.UD0004, new ItemValue.TextList(List.of("info@exempel.se")),
                UdItem.UD0003, new ItemValue.Address(null, "Storgatan 1", "11122", "STOCKHOLM", null, municipality, null),
                UdItem.UD0014, new ItemValue.FiscalYear("01", "01", "12", "31"),
                UdItem.UD0027, new ItemValue.Proceedings(List.of(new ItemValue.Proceeding("KK", "Konkurs", "2026-01-02"),
                        new ItemValue.Proceeding("AV", "Avregistrerad", "2026-02-03", true))),
                UdItem.UD0009, new ItemValue.PerWorkplace(List.of(new ItemValue.WorkplaceValue("12345678",
                        new ItemValue.Address(null, "Hamngatan 2", "11123", "STOCKHOLM", null, null, null)))));
        assertThat(values.values().stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("the fixture covers every kind of value").containsAll(Arrays.stream(ItemValue.class.getPermittedSubclasses()).toList());
        ProducerRecord record = new ProducerRecord(null, values, Map.of(UdItem.UD0006, ItemError.byProducer(ErrorType.UppgiftFinnsEj, "no phone")),
                Map.of(UdItem.UD0024, Producer.SCB));
        return new ProducerAnswer(Source.BOLAGSVERKET_ORGANISATIONER, ProducerAnswer.Outcome.FOUND, null, List.of(record),
                false, true, Instant.parse("2026-12-01T12:00:00.123456Z"), 42);
    }

    static AnswerSeal newSeal() {
        SecureRandom random = new SecureRandom();
        byte[] hash = new byte[32];
        byte[] encryption = new byte[32];
        random.nextBytes(hash);
        random.nextBytes(encryption);
        return new AnswerSeal(hash, encryption, MAPPER);
    }

    @Test
    void anAnswerReadsBackAsItWasSealed() throws Exception {
        AnswerSeal seal = newSeal();
        ProducerAnswer answer = everyKindOfValue();
        String name = seal.name(COMPANY, answer.source());
        String sealed = seal.seal(answer, name);
        assertThat(seal.open(sealed, name)).isEqualTo(answer);
        assertThat(new String(Base64.getDecoder().decode(sealed.substring(3)), StandardCharsets.ISO_8859_1))
                .as("nothing of the answer readable in what Redis holds").doesNotContain("Exempelbolaget", "Storgatan", "0180");
    }

    @Test
    void aSealedAnswerOpensUnderItsOwnNameAndKeyOnly() {
        AnswerSeal seal = newSeal();
        ProducerAnswer answer = everyKindOfValue();
        String name = seal.name(COMPANY, answer.source());
        String sealed = seal.seal(answer, name);
        String otherCompany = seal.name(new CompanyId(IdentityType.Organisationsnummer, "5560654321", null), answer.source());
        assertThatThrownBy(() -> seal.open(sealed, otherCompany)).as("moved to another company's name").isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> newSeal().open(sealed, name)).as("another deployment's key").isInstanceOf(GeneralSecurityException.class);
        char[] altered = sealed.toCharArray();
        altered[altered.length / 2] = altered[altered.length / 2] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> seal.open(new String(altered), name)).as("altered").isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aNameIsAKeyedHashInLettersOnly() {
        AnswerSeal seal = newSeal();
        Set<String> names = Arrays.stream(Source.values()).map(source -> seal.name(COMPANY, source)).collect(Collectors.toSet());
        assertThat(names).as("one name per source").hasSize(Source.values().length).allMatch(name -> name.matches("[a-p]{32}"));
        assertThat(newSeal().name(COMPANY, Source.SCB_FORETAG)).as("without the key, nobody finds the name by hashing the number")
                .isNotEqualTo(seal.name(COMPANY, Source.SCB_FORETAG));
        assertThatThrownBy(() -> new AnswerSeal(new byte[16], new byte[32], MAPPER)).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new AnswerSeal(new byte[32], new byte[16], MAPPER)).hasMessageContaining("AES-256 needs 32");
    }
}
