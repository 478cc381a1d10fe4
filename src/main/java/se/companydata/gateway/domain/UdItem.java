package se.companydata.gateway.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SSBTGU v2 basic items (grundläggande uppgifter), each with a readable alias. The producer
 * that answers for an item is configuration ({@code gateway.items.producer}), not fixed here.
 */
public enum UdItem {
    UD0001("companyName", false),
    UD0002("legalForm", false),
    UD0003("postalAddress", true),
    UD0004("email", false),
    UD0006("phone", false),
    UD0009("workplacePostalAddresses", true),
    UD0010("workplaceVisitingAddresses", true),
    UD0011("seatMunicipality", false),
    UD0012("seatCounty", false),
    UD0014("fiscalYear", false),
    UD0020("soleTraderName", false),
    UD0023("soleTraderRegisteredAddress", true),
    UD0024("sniCodes", false),
    UD0025("companyForm", false),
    UD0026("registrationDate", false),
    UD0027("status", false),
    UD0028("deregistrationDate", false),
    UD0029("fTax", false),
    UD0031("vatRegistered", false),
    UD0033("employerRegistered", false),
    UD0034("cfarNumbers", false),
    UD0039("workplaceSniCodes", false),
    UD0040("visitingAddress", true),
    UD0042("numberOfWorkplaces", false),
    UD0043("workplaceNames", false),
    UD0044("mainWorkplace", false),
    UD0045("signatoryRule", false),
    UD0046("businessDescription", false),
    UD0047("officers", false),
    UD0048("shares", false),
    UD0049("workplacePhones", false),
    UD0050("turnoverSizeClass", false),
    UD0051("employeeSizeClass", false),
    UD0052("workplaceEmployeeSizeClasses", false);

    private static final Map<String, UdItem> BY_NAME = new HashMap<>();

    static {
        for (UdItem item : values()) {
            BY_NAME.put(item.name(), item);
            BY_NAME.put(item.alias.toLowerCase(Locale.ROOT), item);
        }
    }

    private final String alias;
    private final boolean address;

    UdItem(String alias, boolean address) {
        this.alias = alias;
        this.address = address;
    }

    public String alias() {
        return alias;
    }

    /** An address item: withheld for a sole trader with protected identity. */
    public boolean isAddress() {
        return address;
    }

    /** By UD code (any case) or by alias (any case). */
    public static Optional<UdItem> find(String codeOrAlias) {
        UdItem byCode = BY_NAME.get(codeOrAlias.toUpperCase(Locale.ROOT));
        return byCode != null ? Optional.of(byCode) : Optional.ofNullable(BY_NAME.get(codeOrAlias.toLowerCase(Locale.ROOT)));
    }
}
