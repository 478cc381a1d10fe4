package se.companydata.gateway.domain;

/** The kinds of identity a company can be asked for by; the names are the SSBTGU wire names. */
public enum IdentityType {
    Organisationsnummer,
    Personnummer,
    Samordningsnummer;

    public boolean isSoleTrader() {
        return this != Organisationsnummer;
    }
}
