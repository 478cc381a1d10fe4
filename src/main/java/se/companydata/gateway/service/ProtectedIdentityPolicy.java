package se.companydata.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerAnswer.Outcome;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.UdItem;

/**
 * A sole trader's addresses are released only when Skatteverket has confirmed the person has no
 * protected personal data. Applied to every answer before it is cached, so a withheld address
 * never sits in memory; there is no fallback to another producer for a withheld item.
 */
@ApplicationScoped
public class ProtectedIdentityPolicy {

    static final String PROTECTED = "withheld: the sole trader has protected personal data (skyddad identitet)";
    static final String UNCONFIRMED = "withheld: Skatteverket could not confirm that the sole trader's personal data is unprotected";

    /** {@code answer} with its address items withheld unless {@code skatteverket} clears the person. */
    public ProducerAnswer apply(ProducerAnswer answer, ProducerAnswer skatteverket) {
        if (answer.outcome() != Outcome.FOUND) {
            return answer;
        }
        ItemError withheld;
        if (skatteverket.outcome() == Outcome.FOUND) {
            if (!skatteverket.protectedIdentity()) {
                return answer;
            }
            withheld = ItemError.byGateway(ErrorType.EjBehorig, PROTECTED);
        } else {
            withheld = ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, UNCONFIRMED);
        }
        List<ProducerRecord> records = new ArrayList<>(answer.records().size());
        for (ProducerRecord record : answer.records()) {
            var values = new HashMap<>(record.values());
            var errors = new HashMap<>(record.errors());
            for (UdItem item : UdItem.values()) {
                if (item.isAddress() && answer.source().carries(item)) {
                    values.remove(item);
                    errors.put(item, withheld);
                }
            }
            records.add(new ProducerRecord(record.namnskyddslopnummer(), values, errors));
        }
        return answer.withRecords(records, skatteverket.cacheable());
    }
}
