package se.companydata.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.VdmContract;

/**
 * The sandbox's Bolagsverket answers as the published VDM v1 contract says
 * ({@code ../shared/contracts/vdm-v1/openapi.yaml}; skipped without it): every company of the register,
 * each kind, each block fault, an unknown company, a bad identity and a server error.
 */
class BolagsverketContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private VdmContract contract;
    private SandboxRegister register;
    private BolagsverketSimulator simulator;

    @BeforeEach
    void load() {
        contract = VdmContract.loadOrSkip();
        register = SandboxRegister.load("sandbox/register.json", JSON);
        simulator = new BolagsverketSimulator(register);
    }

    @Test
    void everyCompanyOfTheRegisterIsAnsweredInTheContractsShape() {
        assertThat(register.all()).hasSizeGreaterThan(200);
        for (SandboxCompany company : register.all()) {
            JsonNode answer = answer(company.identitetsbeteckning());
            assertThat(contract.violations("OrganisationerSvar", answer)).as(company.identitetsbeteckning()).isEmpty();
        }
    }

    @Test
    void theCheckCatchesAnAnswerOutsideTheContract() {
        // The validator is not a yes-sayer: a block with a number where the contract has a string, an unknown error type.
        JsonNode wrong = JSON.valueToTree(Map.of("organisationer", List.of(Map.of(
                "organisationsform", Map.of("kod", 5, "klartext", "Aktiebolag"),
                "verksamhetsbeskrivning", Map.of("fel", Map.of("typ", "NO_SUCH_TYPE"))))));
        assertThat(contract.violations("OrganisationerSvar", wrong)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnknownCompanyIsA200WhoseEveryBlockSaysOrganisationFinnsEj() {
        SimulatedAnswer answer = simulator.organisationer(JSON.valueToTree(Map.of("identitetsbeteckning", "5560000001")));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = JSON.valueToTree(answer.body());
        assertThat(contract.violations("OrganisationerSvar", body)).isEmpty();
        JsonNode only = body.path("organisationer").get(0);
        assertThat(only.path("organisationsnamn").path("fel").path("typ").asText()).isEqualTo("ORGANISATION_FINNS_EJ");
        only.fields().forEachRemaining(block -> {
            if (block.getValue().isObject()) {
                assertThat(block.getValue().path("fel").path("typ").asText()).as(block.getKey()).isEqualTo("ORGANISATION_FINNS_EJ");
            }
        });
    }

    @Test
    void errorsAreApiErrors() {
        SimulatedAnswer bad = simulator.organisationer(JSON.valueToTree(Map.of("identitetsbeteckning", "55-1")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(contract.violations("ApiError", JSON.valueToTree(bad.body()))).isEmpty();
        SimulatedAnswer failure = BolagsverketSimulator.apiError(500, "server.error", "Internal Server Error", "Ett ohanterat fel har uppstått.");
        assertThat(contract.violations("ApiError", JSON.valueToTree(failure.body()))).isEmpty();
    }

    @Test
    void namesAreTypedAndBlocksNameTheirProducer() {
        SandboxCompany withOtherNames = register.all().stream().filter(c -> !c.andraNamn().isEmpty()).findFirst().orElseThrow();
        JsonNode org = answer(withOtherNames.identitetsbeteckning()).path("organisationer").get(0);
        assertThat(org.path("organisationsnamn").path("organisationsnamnLista").findValuesAsText("kod"))
                .containsExactly("FORETAGSNAMN", "SARSKILT_FORETAGSNAMN", "FORETAGSNAMN_PA_FRAMMANDE_SPRAK");
        assertThat(org.path("juridiskForm").path("dataproducent").asText()).isEqualTo("SCB");
        assertThat(org.path("organisationsform").path("dataproducent").asText()).isEqualTo("Bolagsverket");
        // Not in VDM v1: e-mail, seat, fiscal year, signatories, officers, shares.
        assertThat(org.has("epostadress") || org.has("sateskommun") || org.has("rakenskapsar") || org.has("firmateckning")).isFalse();
    }

    private JsonNode answer(String identity) {
        SimulatedAnswer answer = simulator.organisationer(JSON.valueToTree(Map.of("identitetsbeteckning", identity)));
        assertThat(answer.status()).isEqualTo(200);
        return JSON.valueToTree(answer.body());
    }
}
