package se.companydata.gateway.client.bolagsverket;

import static se.companydata.gateway.domain.UdItem.UD0014;
import static se.companydata.gateway.domain.UdItem.UD0045;
import static se.companydata.gateway.domain.UdItem.UD0047;
import static se.companydata.gateway.domain.UdItem.UD0048;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/** Företagsinformation's answer (our model of it, see {@link ForetagsinformationWire}) to UD0014, UD0045, UD0047, UD0048. */
final class ForetagsinformationMapping {

    static final Source SOURCE = Source.BOLAGSVERKET_FORETAGSINFORMATION;

    private ForetagsinformationMapping() {
    }

    static ProducerAnswer toAnswer(ForetagsinformationWire.Svar svar) {
        if (svar == null || svar.organisationer() == null) {
            throw new InvalidProducerAnswerException("no 'organisationer' list");
        }
        List<ProducerRecord> records = new ArrayList<>();
        for (var org : svar.organisationer()) {
            if (org == null) {
                throw new InvalidProducerAnswerException("null entry in 'organisationer'");
            }
            Map<UdItem, ItemValue> values = new EnumMap<>(UdItem.class);
            Map<UdItem, ItemError> errors = new EnumMap<>(UdItem.class);
            var ar = org.rakenskapsar();
            if (ar != null) {
                if (ar.fel() != null) {
                    errors.put(UD0014, error(ar.fel()));
                } else if (ar.fromManad() != null && ar.tomManad() != null) {
                    values.put(UD0014, new ItemValue.FiscalYear(ar.fromManad(), ar.fromDag(), ar.tomManad(), ar.tomDag()));
                }
            }
            text(UD0045, org.firmateckning(), values, errors);
            text(UD0047, org.funktionarer(), values, errors);
            text(UD0048, org.aktieinformation(), values, errors);
            records.add(new ProducerRecord(org.namnskyddslopnummer(), values, errors));
        }
        return records.isEmpty()
                ? ProducerAnswer.notFound(SOURCE, "Bolagsverket's Företagsinformation has no organisation with this identity")
                : ProducerAnswer.found(SOURCE, records, false);
    }

    private static void text(UdItem item, ForetagsinformationWire.Text block, Map<UdItem, ItemValue> values, Map<UdItem, ItemError> errors) {
        if (block == null) {
            return;
        }
        if (block.fel() != null) {
            errors.put(item, error(block.fel()));
        } else if (block.klartext() != null && !block.klartext().isBlank()) {
            values.put(item, new ItemValue.Text(block.klartext()));
        }
    }

    private static ItemError error(BolagsverketWire.Fel fel) {
        return ItemError.byProducer(BolagsverketMapping.errorType(fel.typ()),
                fel.felBeskrivning() == null ? "Bolagsverket: " + fel.typ() : fel.felBeskrivning());
    }
}
