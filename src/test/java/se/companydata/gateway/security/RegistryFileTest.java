package se.companydata.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.domain.UdItem;
import se.companydata.gateway.domain.UseArea;

class RegistryFileTest {

    @Test
    void aValidRegistryBecomesEntitlementsWithDefaultsApplied() throws Exception {
        Map<RegistryFile.Key, Entitlement> entitlements = RegistryFile.parse("""
                defaults:
                  rateLimit: {perSecond: 7, burst: 9}
                consumers:
                  - organisationsnummer: "212000-9010"
                    name: Exempelby kommun
                    services:
                      - tjanstenamn: LIVSMBV
                        items: [UD0001, fTax]
                        useAreas: [IndirektAteranvandning]
                      - tjanstenamn: FOLKOLBV
                        items: [UD0002]
                        rateLimit: {perSecond: 1}
                """);
        Entitlement livs = entitlements.get(new RegistryFile.Key("2120009010", "LIVSMBV"));
        assertThat(livs.items()).containsExactlyInAnyOrder(UdItem.UD0001, UdItem.UD0029);
        assertThat(livs.rateLimit()).isEqualTo(new Entitlement.RateLimit(7, 9));
        assertThat(livs.useAreas()).containsExactly(UseArea.IndirektAteranvandning);
        assertThat(entitlements.get(new RegistryFile.Key("2120009010", "FOLKOLBV")).useAreas()).as("omitted: none").isEmpty();
        assertThat(entitlements.get(new RegistryFile.Key("2120009010", "FOLKOLBV")).rateLimit()).isEqualTo(new Entitlement.RateLimit(1, 9));
    }

    @Test
    void everyProblemIsReportedWithItsEntry() {
        assertThatThrownBy(() -> RegistryFile.parse("""
                consumers:
                  - organisationsnummer: "2120009011"
                    name: Typo kommun
                    services:
                      - tjanstenamn: LIVSMBV
                        items: [UD0001]
                  - organisationsnummer: "2120009010"
                    name: Exempelby kommun
                    services:
                      - tjanstenamn: LIVSMBV
                        items: [UD0001, UD0005]
                        useAreas: [IndirektAteranvandning, Forskning]
                      - tjanstenamn: livsmbv
                        items: [UD0001]
                      - tjanstenamn: LIVSMBV
                        items: [UD0002]
                        rateLimit: {perSecond: 0}
                """))
                .isInstanceOf(RegistryFile.InvalidRegistryException.class)
                .hasMessageContaining("consumers[0] (Typo kommun): organisationsnummer 2120009011 has check digit 1; the Luhn check digit for its first nine digits is 0")
                .hasMessageContaining("consumers[1] (Exempelby kommun).services[0] (LIVSMBV): unknown item 'UD0005'")
                .hasMessageContaining("consumers[1] (Exempelby kommun).services[0] (LIVSMBV): unknown use area 'Forskning' (DirektAteranvandning or IndirektAteranvandning)")
                .hasMessageContaining("consumers[1] (Exempelby kommun).services[1]: tjanstenamn must be 2-40 characters A-Z, 0-9 or _")
                .hasMessageContaining("consumers[1] (Exempelby kommun).services[2] (LIVSMBV).rateLimit: perSecond must be > 0 and burst >= 1")
                .hasMessageContaining("consumers[1] (Exempelby kommun).services[2] (LIVSMBV): 2120009010/LIVSMBV is registered twice");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> RegistryFile.parse("""
                consumers:
                  - organisationsnummer: "2120009010"
                    servcies: []
                """))
                .isInstanceOf(RegistryFile.InvalidRegistryException.class)
                .hasMessageStartingWith("consumers[0].servcies (near line ")
                .hasMessageContaining("Unrecognized field \"servcies\"");
    }
}
