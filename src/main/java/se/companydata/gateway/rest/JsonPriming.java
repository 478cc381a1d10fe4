package se.companydata.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import se.companydata.gateway.domain.PrimingSample;

/**
 * Before readiness: the JSON adapter reads a lookup body for the priming sample and writes its
 * answer, as often as priming asks, so Jackson's serializers for these types exist and are compiled
 * before the first caller.
 */
@ApplicationScoped
class JsonPriming {

    private final ObjectMapper json;

    JsonPriming(ObjectMapper json) {
        this.json = json;
    }

    void prime(@Observes PrimingSample sample) {
        byte[] body = ("{\"identity\":\"" + sample.request().companyId().number() + "\",\"items\":[\"UD0001\",\"UD0002\"]}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < sample.repetitions(); i++) {
                json.readValue(body, LookupRequestBody.class);
                json.writeValueAsBytes(LookupResponse.of(sample.result()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
