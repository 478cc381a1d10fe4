package se.companydata.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"SERVTILLSTBV", "PRIMING", "Serverat tillstånd (e-tjänst) v2", "LIVSM-BV_2024.1", "kommun:bygglov/ansökan"})
    void registryNamesAreValid(String name) {
        assertThat(ServiceName.invalidBecause(name)).isNull();
        assertThat(ServiceName.forRecord(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERV\nTILLST", "SERV\u0000", "<script>", "a\u202Eb", "x;y"})
    void controlAndMarkupCharactersAreNot(String name) {
        assertThat(ServiceName.invalidBecause(name)).contains("letters, digits, spaces");
        assertThat(ServiceName.forRecord(name)).doesNotContain("\n", "\u0000", "<", "\u202E").contains("(invalid, " + name.length() + " characters)");
    }

    @Test
    void theContractsLengthIsTheLimit() {
        assertThat(ServiceName.invalidBecause("A".repeat(255))).isNull();
        assertThat(ServiceName.invalidBecause("A".repeat(256))).isEqualTo("the e-service name is 256 characters; a tjänstenamn has at most 255");
        assertThat(ServiceName.forRecord("A".repeat(20_000))).hasSize(64 + "… (invalid, 20000 characters)".length());
    }
}
