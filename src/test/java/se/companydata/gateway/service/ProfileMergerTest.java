package se.companydata.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.domain.ErrorType;
import se.companydata.gateway.domain.ItemError;
import se.companydata.gateway.domain.Producer;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.ProducerRecord;
import se.companydata.gateway.domain.ProducerStatus;
import se.companydata.gateway.domain.Source;

class ProfileMergerTest {

    private final ProfileMerger merger = new ProfileMerger(null);

    @Test
    void scbsTwoSourcesFoldIntoItsMostSeriousStatus() {
        var ok = ProducerAnswer.found(Source.SCB_FORETAG, List.of(), false).withLatency(30);
        var timedOut = ProducerAnswer.failed(Source.SCB_ARBETSSTALLEN, ItemError.byGateway(ErrorType.Timeout, "SCB did not answer")).withLatency(500);
        Map<Producer, ProducerStatus> statuses = merger.statuses(
                Map.of(Source.SCB_FORETAG, ok, Source.SCB_ARBETSSTALLEN, timedOut),
                Map.of(Source.SCB_FORETAG, true, Source.SCB_ARBETSSTALLEN, false));

        ProducerStatus scb = statuses.get(Producer.SCB);
        assertThat(scb.error()).isEqualTo(ErrorType.Timeout);
        assertThat(scb.description()).isEqualTo("SCB did not answer");
        assertThat(scb.latencyMillis()).isEqualTo(500);
        assertThat(scb.fromCache()).isFalse();
        assertThat(statuses).containsOnlyKeys(Producer.SCB);
    }

    @Test
    void aFailureOutranksNotFound() {
        var notFound = ProducerAnswer.notFound(Source.SCB_FORETAG, "no such company");
        var down = ProducerAnswer.failed(Source.SCB_ARBETSSTALLEN, ItemError.byGateway(ErrorType.OtillgangligUppgiftskalla, "SCB answered HTTP 503"));
        for (var order : List.of(List.of(notFound, down), List.of(down, notFound))) {
            var answers = new java.util.LinkedHashMap<Source, ProducerAnswer>();
            order.forEach(a -> answers.put(a.source(), a));
            assertThat(merger.statuses(answers, Map.of(Source.SCB_FORETAG, false, Source.SCB_ARBETSSTALLEN, false))
                    .get(Producer.SCB).error()).isEqualTo(ErrorType.OtillgangligUppgiftskalla);
        }
        assertThat(merger.nobodyKnows(Map.of(Source.SCB_FORETAG, notFound, Source.SCB_ARBETSSTALLEN, down))).isFalse();
        assertThat(merger.nobodyKnows(Map.of(Source.SCB_FORETAG, notFound))).isTrue();
        // An empty workplace list is also a company without workplaces: it neither knows nor denies the company.
        var noWorkplaces = ProducerAnswer.found(Source.SCB_ARBETSSTALLEN, List.of(new ProducerRecord(null, Map.of(), Map.of())), false);
        assertThat(merger.nobodyKnows(Map.of(Source.SCB_FORETAG, notFound, Source.SCB_ARBETSSTALLEN, noWorkplaces))).isTrue();
        assertThat(merger.nobodyKnows(Map.of(Source.SCB_ARBETSSTALLEN, noWorkplaces))).isFalse();
    }
}
