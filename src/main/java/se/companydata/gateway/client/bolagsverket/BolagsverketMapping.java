package se.companydata.gateway.client.bolagsverket;

import static se.companydata.gateway.domain.UdItem.UD0001;
import static se.companydata.gateway.domain.UdItem.UD0002;
import static se.companydata.gateway.domain.UdItem.UD0003;
import static se.companydata.gateway.domain.UdItem.UD0024;
import static se.companydata.gateway.domain.UdItem.UD0025;
import static se.companydata.gateway.domain.UdItem.UD0026;
import static se.companydata.gateway.domain.UdItem.UD0027;
import static se.companydata.gateway.domain.UdItem.UD0028;
import static se.companydata.gateway.domain.UdItem.UD0046;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.Block;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.KodBlock;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.Organisation;
import se.companydata.gateway.client.bolagsverket.BolagsverketWire.OrganisationerSvar;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/**
 * VDM v1's {@code POST /organisationer} answer to domain items: the typed name list's
 * {@code FORETAGSNAMN} as UD0001 (never a secondary or foreign-language name), each block's
 * {@code dataproducent} as its item's producer, a block's {@code fel} as its item's error, dates as
 * {@code YYYY-MM-DD}, and an organisation every block of which says {@code ORGANISATION_FINNS_EJ}
 * (VDM's way of saying "unknown": an HTTP 200, never a 404) as not found.
 */
final class BolagsverketMapping {

    static final Source SOURCE = Source.BOLAGSVERKET_ORGANISATIONER;
    private static final String UNKNOWN = "ORGANISATION_FINNS_EJ";
    /** Swedish registers date their events in Swedish time: a date-time is read as the day it was in Stockholm. */
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private BolagsverketMapping() {
    }

    static ProducerAnswer toAnswer(OrganisationerSvar svar) {
        if (svar == null || svar.organisationer() == null) {
            throw new InvalidProducerAnswerException("no 'organisationer' list");
        }
        List<ProducerRecord> records = new ArrayList<>();
        for (Organisation org : svar.organisationer()) {
            if (org == null) {
                throw new InvalidProducerAnswerException("null entry in 'organisationer'");
            }
            if (!isUnknown(org)) {
                records.add(toRecord(org));
            }
        }
        return records.isEmpty()
                ? ProducerAnswer.notFound(SOURCE, "Bolagsverket has no organisation with this identity")
                : ProducerAnswer.found(SOURCE, records, false);
    }

    /** Every block there is says ORGANISATION_FINNS_EJ. */
    static boolean isUnknown(Organisation org) {
        List<Block> blocks = blocks(org).toList();
        return !blocks.isEmpty() && blocks.stream().allMatch(b -> b.fel() != null && UNKNOWN.equals(b.fel().typ()));
    }

    private static Stream<Block> blocks(Organisation org) {
        return Stream.<Block>of(org.organisationsnamn(), org.organisationsform(), org.juridiskForm(), org.verksamOrganisation(),
                org.avregistreradOrganisation(), org.avregistreringsorsak(), org.pagaendeAvvecklingsEllerOmstruktureringsforfarande(),
                org.organisationsdatum(), org.verksamhetsbeskrivning(), org.naringsgrenOrganisation(), org.postadressOrganisation())
                .filter(Objects::nonNull);
    }

    private static ProducerRecord toRecord(Organisation org) {
        var items = new Items();
        var namn = org.organisationsnamn();
        if (namn != null) {
            // UD0001 is the registered name; a särskilt företagsnamn or a name in another language is not.
            items.put(UD0001, namn, namn.organisationsnamnLista() == null ? null : namn.organisationsnamnLista().stream()
                    .filter(n -> n != null && n.organisationsnamntyp() != null && "FORETAGSNAMN".equals(n.organisationsnamntyp().kod())
                            && n.namn() != null && !n.namn().isBlank())
                    .max(Comparator.comparing(n -> Objects.requireNonNullElse(n.registreringsdatum(), "")))
                    .map(n -> (ItemValue) new ItemValue.Text(n.namn())).orElse(null));
        }
        items.coded(UD0002, org.juridiskForm());
        items.coded(UD0025, org.organisationsform());
        var post = org.postadressOrganisation();
        if (post != null) {
            var a = post.postadress();
            items.put(UD0003, post, a == null ? null
                    : new ItemValue.Address(a.coAdress(), a.utdelningsadress(), a.postnummer(), a.postort(), a.land(), null, null));
        }
        var sni = org.naringsgrenOrganisation();
        if (sni != null) {
            List<ItemValue.Coded> codes = sni.sni() == null ? List.of() : sni.sni().stream()
                    .filter(s -> s != null && s.kod() != null && !s.kod().isBlank())
                    .map(s -> new ItemValue.Coded(s.kod(), s.klartext())).toList();
            items.put(UD0024, sni, codes.isEmpty() ? null : new ItemValue.CodedList(codes));
        }
        var datum = org.organisationsdatum();
        if (datum != null) {
            items.put(UD0026, datum, date(datum.registreringsdatum()));
        }
        items.put(UD0027, proceedingsBlock(org), proceedings(org));
        var avregistrerad = org.avregistreradOrganisation();
        if (avregistrerad != null) {
            items.put(UD0028, avregistrerad, date(avregistrerad.avregistreringsdatum()));
        }
        var beskrivning = org.verksamhetsbeskrivning();
        if (beskrivning != null) {
            items.put(UD0046, beskrivning, beskrivning.beskrivning() == null || beskrivning.beskrivning().isBlank()
                    ? null : new ItemValue.Text(beskrivning.beskrivning()));
        }
        return new ProducerRecord(org.namnskyddslopnummer(), items.values, items.errors, items.heldBy);
    }

    /** The block UD0027's error and producer come from: the proceedings, or, without it, the deregistration reason. */
    private static Block proceedingsBlock(Organisation org) {
        return org.pagaendeAvvecklingsEllerOmstruktureringsforfarande() != null
                ? org.pagaendeAvvecklingsEllerOmstruktureringsforfarande() : org.avregistreringsorsak();
    }

    /**
     * UD0027: the ongoing proceedings, and for a deregistered company the reason it left the register
     * (SSBTGU's {@code AvvecklingAvfordAnledning}); null when there are none.
     */
    private static ItemValue proceedings(Organisation org) {
        List<ItemValue.Proceeding> entries = new ArrayList<>();
        var orsak = org.avregistreringsorsak();
        if (orsak != null && orsak.fel() == null && orsak.kod() != null && !orsak.kod().isBlank()) {
            String when = org.avregistreradOrganisation() == null ? null : textOf(date(org.avregistreradOrganisation().avregistreringsdatum()));
            entries.add(new ItemValue.Proceeding(orsak.kod(), orsak.klartext(), when, true));
        }
        var forfaranden = org.pagaendeAvvecklingsEllerOmstruktureringsforfarande();
        if (forfaranden != null && forfaranden.fel() == null && forfaranden.pagaendeAvvecklingsEllerOmstruktureringsforfarandeLista() != null) {
            for (var f : forfaranden.pagaendeAvvecklingsEllerOmstruktureringsforfarandeLista()) {
                if (f != null && f.kod() != null) {
                    entries.add(new ItemValue.Proceeding(f.kod(), f.klartext(), textOf(date(f.fromDatum()))));
                }
            }
        }
        return entries.isEmpty() ? null : new ItemValue.Proceedings(entries);
    }

    /**
     * A VDM date as {@code YYYY-MM-DD}: given as a date, or as a date-time (then the day it was in
     * Sweden). Anything else is a contract violation of Bolagsverket's, not a value to pass on.
     */
    static ItemValue date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return new ItemValue.Text(LocalDate.parse(value).toString());
            }
            return new ItemValue.Text(OffsetDateTime.parse(value).atZoneSameInstant(SWEDEN).toLocalDate().toString());
        } catch (DateTimeParseException e) {
            throw new InvalidProducerAnswerException("'" + value + "' is neither a date nor a date-time");
        }
    }

    private static String textOf(ItemValue value) {
        return value == null ? null : ((ItemValue.Text) value).text();
    }

    static Producer producer(String dataproducent) {
        if (dataproducent == null) {
            return null;
        }
        return switch (dataproducent) {
            case "Bolagsverket" -> Producer.Bolagsverket;
            case "SCB" -> Producer.SCB;
            default -> null;
        };
    }

    static ErrorType errorType(String typ) {
        return switch (String.valueOf(typ)) {
            case "ORGANISATION_FINNS_EJ" -> ErrorType.ForetagFinnsEj;
            case "OGILTIG_BEGARAN" -> ErrorType.OgiltigBegaran;
            case "OTILLGANGLIG_UPPGIFTSKALLA" -> ErrorType.OtillgangligUppgiftskalla;
            case "TIMEOUT" -> ErrorType.Timeout;
            default -> ErrorType.Odefinierad;
        };
    }

    /** Collects each item's value, or its block's error, and the producer its block names. */
    private static final class Items {
        final Map<UdItem, ItemValue> values = new EnumMap<>(UdItem.class);
        final Map<UdItem, ItemError> errors = new EnumMap<>(UdItem.class);
        final Map<UdItem, Producer> heldBy = new EnumMap<>(UdItem.class);

        void put(UdItem item, Block block, ItemValue value) {
            if (block == null) {
                return;
            }
            Producer named = producer(block.dataproducent());
            if (named != null && named != Producer.Bolagsverket) {
                heldBy.put(item, named);
            }
            if (block.fel() != null) {
                String description = block.fel().felBeskrivning() == null ? "Bolagsverket: " + block.fel().typ() : block.fel().felBeskrivning();
                errors.put(item, ItemError.byProducer(errorType(block.fel().typ()), description));
            } else if (value != null) {
                values.put(item, value);
            }
        }

        void coded(UdItem item, KodBlock block) {
            if (block != null) {
                put(item, block, block.kod() == null || block.kod().isBlank() ? null : new ItemValue.Coded(block.kod(), block.klartext()));
            }
        }
    }
}
