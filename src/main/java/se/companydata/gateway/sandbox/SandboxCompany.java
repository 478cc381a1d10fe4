package se.companydata.gateway.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** One business of the fictitious register, in the register file's own shape. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SandboxCompany(
        String identitetsbeteckning,
        Integer namnskyddslopnummer,
        String kategori,
        String namn,
        List<Namn> andraNamn,
        Coded organisationsform,
        Coded juridiskForm,
        String registreringsdatum,
        String avregistreringsdatum,
        Coded avregistreringsorsak,
        List<Forfarande> forfaranden,
        Address postadress,
        Address besoksadress,
        String epost,
        String telefon,
        Coded sateskommun,
        Coded sateslan,
        Map<String, String> rakenskapsar,
        String firmateckning,
        String verksamhetsbeskrivning,
        String funktionarer,
        String aktier,
        List<Coded> sni,
        Coded storleksklassOmsattning,
        Coded storleksklassAnstallda,
        Map<String, String> skatt,
        Person person,
        List<Workplace> arbetsstallen,
        Map<String, String> fel,
        Map<String, Fault> sandboxFaults) {

    public SandboxCompany {
        andraNamn = andraNamn == null ? List.of() : andraNamn;
        forfaranden = forfaranden == null ? List.of() : forfaranden;
        sni = sni == null ? List.of() : sni;
        arbetsstallen = arbetsstallen == null ? List.of() : arbetsstallen;
        fel = fel == null ? Map.of() : fel;
        sandboxFaults = sandboxFaults == null ? Map.of() : sandboxFaults;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Coded(String kod, String klartext) {
    }

    /** A name besides the registered one: a särskilt företagsnamn, or the name in a foreign language (VDM's name types). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Namn(String namn, String typ, String klartext) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Forfarande(String kod, String klartext, String fromDatum) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String utdelningsadress, String coAdress, String postnummer, String postort, String land,
                          String kommunKod, String kommunNamn, String lanKod, String lanNamn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String personnummer, String fornamn, String efternamn, boolean skyddadIdentitet,
                         Address folkbokforingsadress) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Workplace(String cfarNummer, String benamning, boolean huvudarbetsstalle, Address postadress,
                            Address besoksadress, String telefon, List<Coded> sni, Coded storleksklassAnstallda) {
    }

    /** The 10-digit key SCB uses: an organisationsnummer, or a sole trader's short personnummer. */
    public String tenDigits() {
        return identitetsbeteckning.length() == 12 ? identitetsbeteckning.substring(2) : identitetsbeteckning;
    }
}
