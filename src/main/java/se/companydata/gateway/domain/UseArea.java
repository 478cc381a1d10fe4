package se.companydata.gateway.domain;

/**
 * What the consumer will use the data for (SSBTGU {@code Anvandningsomrade}): shown to a person who
 * acts on it (direct re-use), or processed further by the consumer (indirect re-use, e.g. prefilling
 * a form). Each registered e-service is approved for some of them.
 */
public enum UseArea {
    DirektAteranvandning,
    IndirektAteranvandning
}
