package se.companydata.gateway.audit.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.domain.ItemResult;
import se.companydata.gateway.domain.PrimingSample;

/**
 * Before readiness: an audit record of the priming sample's shape is serialised as often as priming
 * asks. It is never written: the sample was not disclosed to anyone.
 */
@ApplicationScoped
public class AuditPriming {

    private final ObjectMapper json;

    public AuditPriming(ObjectMapper json) {
        this.json = json;
    }

    public void prime(@Observes PrimingSample sample) throws JsonProcessingException {
        List<String> asked = new ArrayList<>();
        List<AuditRecord.Disclosed> disclosed = new ArrayList<>();
        List<AuditRecord.Withheld> withheld = new ArrayList<>();
        for (ItemResult item : sample.result().items()) {
            asked.add(item.item().name());
            if (item.error() == null) {
                disclosed.add(new AuditRecord.Disclosed(item.item().name(), item.producer().name()));
            } else {
                withheld.add(new AuditRecord.Withheld(item.item().name(), item.producer().name(), item.error().type().name(),
                        item.error().description()));
            }
        }
        for (int i = 0; i < sample.repetitions(); i++) {
            json.writeValueAsBytes(new AuditRecord(Instant.now(), "priming", null, "PRIMING", null, null,
                    sample.request().companyId().number(), null, null, null, null, asked, disclosed, withheld,
                    sample.result().isPartial() ? AuditRecord.Outcome.PARTIAL : AuditRecord.Outcome.ANSWERED, 200, null, 0));
        }
    }
}
