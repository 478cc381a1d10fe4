package se.companydata.gateway.domain;

/** The three data producers, with the names and organisationsnummer the SSBTGU answers carry. */
public enum Producer {
    Bolagsverket("2021005489"),
    SCB("2021000837"),
    Skatteverket("2021005448");

    private final String organisationsnummer;

    Producer(String organisationsnummer) {
        this.organisationsnummer = organisationsnummer;
    }

    public String organisationsnummer() {
        return organisationsnummer;
    }
}
