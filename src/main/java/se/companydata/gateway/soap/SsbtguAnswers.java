package se.companydata.gateway.soap;

import static se.companydata.gateway.soap.Ssbtgu.COMPANY;
import static se.companydata.gateway.soap.Ssbtgu.FEL;
import static se.companydata.gateway.soap.Ssbtgu.LOOKUP;
import static se.companydata.gateway.soap.Ssbtgu.METADATA;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.IdentityType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.domain.RandomIds;
import se.companydata.gateway.domain.UdItem;

/**
 * A lookup's domain answer as an SSBTGU v2 {@code GrundlaggandeUppgifterSvar}: the metadata (echoed
 * ids and parties, the gateway as Formedlare), the company, and one element per item in UD order,
 * each with its producer and either the value in the contract's structure or a {@code Fel}.
 * <p>
 * Producer values pass through unchanged. Where a value cannot be written in the contract's
 * structure without changing it (free text where SSBTGU has parts, a code outside its pattern, a
 * date that is not a date), the item carries a {@code Fel} that says so instead of a reshaped value.
 */
final class SsbtguAnswers {

    /** The parties an answer names, taken from the request (consumer, user) and configuration (the gateway). */
    record Header(String transactionId, SsbtguParty datakonsument, SsbtguParty anvandare, SsbtguParty formedlare) {
    }

    /** The producer value has no faithful form in the contract's structure. */
    static final class NotRepresentable extends RuntimeException {
        NotRepresentable(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");
    private static final Pattern SIZE_CLASS = Pattern.compile("\\d{1,2}");
    private static final Pattern SNI_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{1,5}");

    private SsbtguAnswers() {
    }

    static XmlNode answer(Header header, LookupResult result) {
        var metadata = XmlNode.builder(LOOKUP, "GrundlaggandeUppgifterSvarMetadata")
                .add(XmlNode.text(METADATA, "MeddelandeId", RandomIds.uuid()))
                .add(XmlNode.text(METADATA, "TransaktionId", header.transactionId()))
                .add(XmlNode.text(METADATA, "Tidstampel", OffsetDateTime.now().toString()))
                .add(header.datakonsument().node("Datakonsument"))
                .add(header.anvandare().node("Anvandare"));
        if (header.formedlare() != null) {
            metadata.add(header.formedlare().node("Formedlare"));
        }
        var details = XmlNode.builder(LOOKUP, "GrundlaggandeUppgifterSvarDetaljer").add(foretagId(result.companyId()));
        for (ItemResult item : result.items()) {
            details.add(item(item));
        }
        return XmlNode.builder(LOOKUP, "GrundlaggandeUppgifterSvar").attribute("SchemaVersion", Ssbtgu.SCHEMA_VERSION)
                .add(metadata.build()).add(details.build()).build();
    }

    static XmlNode foretagId(CompanyId id) {
        var foretagId = XmlNode.builder(LOOKUP, "ForetagId")
                .add(XmlNode.of(COMPANY, "PersonIdentitetsbeteckning", XmlNode.text(COMPANY, id.type().name(), id.number())));
        if (id.namnskyddslopnummer() != null) {
            foretagId.add(XmlNode.text(COMPANY, "Namnskyddslopnummer", id.namnskyddslopnummer().toString()));
        }
        return foretagId.build();
    }

    /** One {@code UDxxxx}: who produced it, then the value or the error. */
    static XmlNode item(ItemResult item) {
        var element = XmlNode.builder(LOOKUP, item.item().name()).add(XmlNode.of(LOOKUP, "GrundlaggandeUppgiftMetadata",
                new SsbtguParty(IdentityType.Organisationsnummer, item.producer().organisationsnummer(), item.producer().name(), null)
                        .node("Dataproducent")));
        if (item.error() != null) {
            return element.add(fel(item.error())).build();
        }
        try {
            value(item.item(), item.value()).forEach(element::add);
            return element.build();
        } catch (NotRepresentable | ClassCastException e) {
            String reason = e instanceof NotRepresentable ? e.getMessage() : "its value has an unexpected shape";
            return XmlNode.builder(LOOKUP, item.item().name()).add(element.build().children().get(0))
                    .add(fel(ItemError.byGateway(ErrorType.Odefinierad, item.producer() + "'s value of " + item.item()
                            + " cannot be given in SSBTGU's structure unchanged: " + reason))).build();
        }
    }

    static XmlNode fel(ItemError error) {
        return XmlNode.builder(FEL, "Fel").attribute("Typ", error.type().name()).attribute("Kalla", error.source().name())
                .optional(FEL, "FelBeskrivning", error.description()).build();
    }

    /** The value elements of an item (none for an empty list: the item then carries only its producer). */
    private static List<XmlNode> value(UdItem item, ItemValue value) {
        return switch (item) {
            case UD0001 -> List.of(text(COMPANY, "ForetagNamn", value));
            case UD0002 -> List.of(coded(COMPANY, "JuridiskForm", (ItemValue.Coded) value, TWO_DIGITS));
            case UD0003, UD0023 -> List.of(postadress((ItemValue.Address) value));
            case UD0004 -> List.of(text(COMPANY, "EPostAdress", value));
            case UD0006 -> List.of(text(COMPANY, "Telefonnummer", value));
            case UD0009 -> perWorkplace(value, "PostadressArbetsstalle", v -> List.of(postadress((ItemValue.Address) v)));
            case UD0010 -> perWorkplace(value, "BelagenhetsadressArbetsstalle", v -> List.of(belagenhetsadress((ItemValue.Address) v)));
            case UD0011 -> List.of(kommun((ItemValue.Coded) value));
            case UD0012 -> List.of(lan((ItemValue.Coded) value));
            case UD0014 -> List.of(rakenskapsar((ItemValue.FiscalYear) value));
            case UD0020 -> List.of(personName((ItemValue.PersonName) value));
            case UD0024 -> ((ItemValue.CodedList) value).entries().stream().map(SsbtguAnswers::sni).toList();
            case UD0025 -> List.of(coded(COMPANY, "Foretagsform", (ItemValue.Coded) value, Pattern.compile(".{1,4}")));
            case UD0026 -> List.of(date("ForetagRegistreratDatum", value));
            case UD0027 -> proceedings((ItemValue.Proceedings) value);
            case UD0028 -> List.of(date("ForetagAvregistreratDatum", value));
            case UD0029 -> List.of(jaNej(COMPANY, "Skatteform", value));
            case UD0031 -> List.of(jaNej(COMPANY, "Momsregistrerad", value));
            case UD0033 -> List.of(jaNej(COMPANY, "Arbetsgivarregistrerad", value));
            case UD0034 -> ((ItemValue.TextList) value).entries().stream().map(SsbtguAnswers::cfar).toList();
            case UD0039 -> perWorkplace(value, "SNIKoderArbetsstalle", v -> {
                List<ItemValue.Coded> codes = ((ItemValue.CodedList) v).entries();
                if (codes.size() > 3) {
                    throw new NotRepresentable("a workplace has " + codes.size() + " SNI codes; SSBTGU carries at most 3");
                }
                return codes.stream().map(SsbtguAnswers::sni).toList();
            });
            case UD0040 -> List.of(belagenhetsadress((ItemValue.Address) value));
            case UD0042 -> List.of(count(value));
            case UD0043 -> perWorkplace(value, "BenamningArbetsstalle", v -> List.of(text(COMPANY, "ArbetsstalleBenamning", v)));
            case UD0044 -> perWorkplace(value, "MarkeringHuvudarbetsstalleArbetsstalle", v -> List.of(jaNej(LOOKUP, "Huvudarbetsstalle", v)));
            case UD0045 -> List.of(text(COMPANY, "FirmateckningBeskrivning", value));
            case UD0046 -> List.of(text(COMPANY, "Verksamhetsbeskrivning", value));
            case UD0047 -> List.of(text(LOOKUP, "SamladeFunktionarerBeskrivning", value));
            case UD0048 -> throw new NotRepresentable("Bolagsverket gives shares as one text, SSBTGU's Aktier has separate number, capital and classes");
            case UD0049 -> perWorkplace(value, "TelefonnummerArbetsstalle", v -> List.of(text(COMPANY, "Telefonnummer", v)));
            case UD0050 -> throw new NotRepresentable("SCB's turnover size class comes without the year it is for, which SSBTGU requires (Omsattningsar)");
            case UD0051 -> List.of(coded(COMPANY, "AntalAnstalldaStorleksklass", (ItemValue.Coded) value, SIZE_CLASS));
            case UD0052 -> perWorkplace(value, "AntalAnstalldaStorleksklassArbetsstalle",
                    v -> List.of(coded(COMPANY, "AntalAnstalldaStorleksklass", (ItemValue.Coded) v, SIZE_CLASS)));
        };
    }

    private static XmlNode text(String namespace, String name, ItemValue value) {
        return XmlNode.text(namespace, name, ((ItemValue.Text) value).text());
    }

    /** A code and its text: {@code <X><XKod/><XBeskrivning/></X>}. */
    private static XmlNode coded(String namespace, String name, ItemValue.Coded value, Pattern codeFormat) {
        return XmlNode.of(namespace, name, XmlNode.text(namespace, name + "Kod", matching(value.code(), codeFormat, name + "Kod")),
                XmlNode.text(namespace, name + "Beskrivning", required(value.text(), name + "Beskrivning")));
    }

    private static XmlNode kommun(ItemValue.Coded value) {
        return XmlNode.of(COMPANY, "Kommun", XmlNode.text(COMPANY, "KommunKod", length(value.code(), 4, "KommunKod")),
                XmlNode.text(COMPANY, "KommunNamn", required(value.text(), "KommunNamn")));
    }

    private static XmlNode lan(ItemValue.Coded value) {
        return XmlNode.of(COMPANY, "Lan", XmlNode.text(COMPANY, "LanKod", length(value.code(), 2, "LanKod")),
                XmlNode.text(COMPANY, "LanNamn", required(value.text(), "LanNamn")));
    }

    private static XmlNode sni(ItemValue.Coded value) {
        return XmlNode.of(COMPANY, "SNI", XmlNode.text(COMPANY, "SNIKod", matching(value.code(), SNI_CODE, "SNIKod")),
                XmlNode.text(COMPANY, "SNIBeskrivning", required(value.text(), "SNIBeskrivning")));
    }

    private static XmlNode postadress(ItemValue.Address a) {
        return XmlNode.builder(COMPANY, "Postadress")
                .optional(COMPANY, "Utdelningsadress1", a.street())
                .optional(COMPANY, "COAdress", a.careOf())
                .optional(COMPANY, "Postnummer", a.postalCode() == null ? null : matching(a.postalCode(), POSTAL_CODE, "Postnummer"))
                .optional(COMPANY, "Postort", a.city())
                .optional(COMPANY, "Land", a.country())
                .build();
    }

    /** A visiting address. The producer gives the street as one string; it is carried whole as the address area. */
    private static XmlNode belagenhetsadress(ItemValue.Address a) {
        var address = XmlNode.builder(COMPANY, "Belagenhetsadress");
        if (a.county() != null) {
            address.add(lan(a.county()));
        }
        if (a.municipality() != null) {
            address.add(kommun(a.municipality()));
        }
        return address.optional(COMPANY, "Adressomrade", a.street())
                .optional(COMPANY, "Postnummer", a.postalCode() == null ? null : matching(a.postalCode(), POSTAL_CODE, "Postnummer"))
                .optional(COMPANY, "Postort", a.city())
                .build();
    }

    private static XmlNode rakenskapsar(ItemValue.FiscalYear year) {
        return XmlNode.of(COMPANY, "Rakenskapsar",
                XmlNode.of(COMPANY, "RakenskapsarFrom", number(COMPANY, "Manad", year.fromMonth(), 1, 12), number(COMPANY, "Dag", year.fromDay(), 1, 31)),
                XmlNode.of(COMPANY, "RakenskapsarTom", number(COMPANY, "Manad", year.toMonth(), 1, 12), number(COMPANY, "Dag", year.toDay(), 1, 31)));
    }

    private static XmlNode personName(ItemValue.PersonName name) {
        return XmlNode.of(COMPANY, "FysiskPersonNamn", XmlNode.text(COMPANY, "Fornamn", required(name.givenName(), "Fornamn")),
                XmlNode.text(COMPANY, "Efternamn", required(name.surname(), "Efternamn")));
    }

    /** No proceedings: the item carries only its producer. SSBTGU's numeric codes and kinds have no counterpart in Bolagsverket's. */
    private static List<XmlNode> proceedings(ItemValue.Proceedings proceedings) {
        if (proceedings.entries().isEmpty()) {
            return List.of();
        }
        throw new NotRepresentable("Bolagsverket's proceeding code " + proceedings.entries().get(0).code()
                + " has no counterpart among SSBTGU's two-digit AvvecklingKod and Typ");
    }

    private static XmlNode date(String name, ItemValue value) {
        String text = ((ItemValue.Text) value).text();
        try {
            LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new NotRepresentable("'" + text + "' is not a date (YYYY-MM-DD)");
        }
        return XmlNode.text(COMPANY, name, text);
    }

    private static XmlNode jaNej(String namespace, String name, ItemValue value) {
        String text = ((ItemValue.Text) value).text();
        if (!text.equals("Ja") && !text.equals("Nej")) {
            throw new NotRepresentable("'" + text + "' is neither Ja nor Nej");
        }
        return XmlNode.text(namespace, name, text);
    }

    private static XmlNode cfar(String number) {
        return XmlNode.text(COMPANY, "CFARNummer", length(number, 8, "CFARNummer"));
    }

    private static XmlNode count(ItemValue value) {
        return number(LOOKUP, "AntalArbetsstallen", ((ItemValue.Text) value).text(), 1, Integer.MAX_VALUE);
    }

    /** Per-workplace values: one element per workplace, its CFAR number first. */
    private static List<XmlNode> perWorkplace(ItemValue value, String element, Function<ItemValue, List<XmlNode>> content) {
        List<XmlNode> workplaces = new ArrayList<>();
        for (ItemValue.WorkplaceValue workplace : ((ItemValue.PerWorkplace) value).workplaces()) {
            var node = XmlNode.builder(LOOKUP, element).add(cfar(workplace.cfarNumber()));
            content.apply(workplace.value()).forEach(node::add);
            workplaces.add(node.build());
        }
        return workplaces;
    }

    private static XmlNode number(String namespace, String name, String text, int min, int max) {
        try {
            int n = Integer.parseInt(required(text, name));
            if (n >= min && n <= max) {
                return XmlNode.text(namespace, name, text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NotRepresentable(name + " '" + text + "' is not a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private static String matching(String value, Pattern format, String name) {
        if (value == null || !format.matcher(value).matches()) {
            throw new NotRepresentable(name + " '" + value + "' is outside SSBTGU's format " + format.pattern());
        }
        return value;
    }

    private static String length(String value, int length, String name) {
        if (value == null || value.length() != length) {
            throw new NotRepresentable(name + " '" + value + "' is not " + length + " characters");
        }
        return value;
    }

    private static String required(String value, String name) {
        if (value == null) {
            throw new NotRepresentable(name + " is missing");
        }
        return value;
    }
}
