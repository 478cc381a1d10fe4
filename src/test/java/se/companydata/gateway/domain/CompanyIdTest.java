package se.companydata.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CompanyIdTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "5560360793,     Organisationsnummer, 5560360793",
            "556036-0793,    Organisationsnummer, 5560360793",
            "165560360793,   Organisationsnummer, 5560360793",
            "16556036-0793,  Organisationsnummer, 5560360793",
            "' 2021005489 ', Organisationsnummer, 2021005489",
            "198112189876,   Personnummer,        198112189876",
            "19811218-9876,  Personnummer,        198112189876",
            "197010632391,   Samordningsnummer,   197010632391",
    })
    void normalisesEveryAcceptedForm(String raw, IdentityType type, String number) {
        CompanyId id = CompanyId.parse(raw, null, TODAY);
        assertThat(id.type()).isEqualTo(type);
        assertThat(id.number()).isEqualTo(number);
    }

    @Test
    void soleTraderKeepsLopnummerButProducersAreAskedWithoutIt() {
        CompanyId id = CompanyId.parse("198112189876", 2, TODAY);
        assertThat(id.namnskyddslopnummer()).isEqualTo(2);
        assertThat(id.withoutLopnummer().namnskyddslopnummer()).isNull();
        assertThat(id.tenDigits()).isEqualTo("8112189876");
    }

    @Test
    void birthDateAfterTodayIsRejected() {
        assertThatThrownBy(() -> CompanyId.parse("20261123-0000", null, TODAY))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessage("personnummer 202611230000 has a birth date in the future (2026-11-23)");
        assertThat(CompanyId.parse("202611220001", null, TODAY).type()).isEqualTo(IdentityType.Personnummer);
    }

    @Test
    void luhnMatchesKnownAuthorityNumbers() {
        for (String known : new String[] {"2021005489", "2021000837", "2021005448", "2120002411"}) {
            assertThat(CompanyId.luhnCheckDigit(known.substring(0, 9))).isEqualTo(known.charAt(9) - '0');
        }
    }
}
