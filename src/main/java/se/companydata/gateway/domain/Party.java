package se.companydata.gateway.domain;

/**
 * A person or organisation, as SSBTGU names one (a {@code PartId} and a {@code PartNamn}): here the
 * one on whose behalf the consumer asks ({@code Anvandare}).
 */
public record Party(CompanyId id, String name) {

    public Party {
        if (id.namnskyddslopnummer() != null) {
            throw new InvalidIdentityException("the user (anvandare) is a person or an organisation, without a namnskyddslopnummer");
        }
        if (name != null && (name.isBlank() || name.length() > 255)) {
            throw new InvalidIdentityException("the user's name (anvandare.namn) must be 1-255 characters");
        }
    }
}
