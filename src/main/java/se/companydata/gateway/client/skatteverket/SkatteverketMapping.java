package se.companydata.gateway.client.skatteverket;

import static se.companydata.gateway.domain.UdItem.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import se.companydata.gateway.client.InvalidProducerAnswerException;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.Source;
import se.companydata.gateway.domain.UdItem;

/** Skatteverket's registration answer as domain items; a plain function, tested from wire samples. */
final class SkatteverketMapping {

    static final Source SOURCE = Source.SKATTEVERKET_REGISTRERINGAR;

    private SkatteverketMapping() {
    }

    static ProducerAnswer toAnswer(SkatteverketWire.Registrering r) {
        if (r == null || r.identitetsbeteckning() == null) {
            throw new InvalidProducerAnswerException("registration without 'identitetsbeteckning'");
        }
        var values = new EnumMap<UdItem, ItemValue>(UdItem.class);
        if (r.fskatt() != null) {
            values.put(UD0029, new ItemValue.Text(r.fskatt()));
        }
        if (r.momsregistrerad() != null) {
            values.put(UD0031, new ItemValue.Text(r.momsregistrerad()));
        }
        if (r.arbetsgivarregistrerad() != null) {
            values.put(UD0033, new ItemValue.Text(r.arbetsgivarregistrerad()));
        }
        if (r.namn() != null) {
            values.put(UD0020, new ItemValue.PersonName(r.namn().fornamn(), r.namn().efternamn()));
        }
        var a = r.folkbokforingsadress();
        if (a != null) {
            values.put(UD0023, new ItemValue.Address(a.coAdress(), a.utdelningsadress(), a.postnummer(), a.postort(),
                    null, null, null));
        }
        return ProducerAnswer.found(SOURCE, List.of(new ProducerRecord(null, values, Map.of())),
                Boolean.TRUE.equals(r.skyddadIdentitet()));
    }
}
