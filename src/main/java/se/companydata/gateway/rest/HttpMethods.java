package se.companydata.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import se.companydata.gateway.http.Problem;

/**
 * The HTTP methods the gateway answers, and nothing else. An HTTP method is any token a client cares
 * to send; each distinct one used to become a label of the request metrics (about 72 series each, with
 * their histograms), so a trusted caller sending methods {@code MX1}, {@code MX2}, … filled the heap
 * until every scrape failed. Now any other method is answered 501 before anything reads the request,
 * and every metric's {@code method} label outside this set is {@code OTHER}.
 */
@ApplicationScoped
public class HttpMethods {

    static final Set<String> ANSWERED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final String OTHER = "OTHER";

    private final byte[] notImplemented;

    HttpMethods(ObjectMapper json) throws JsonProcessingException {
        // The caller's method is not echoed: it is whatever the caller sent.
        this.notImplemented = json.writeValueAsBytes(new Problem("urn:company-data-gateway:problem:method-not-implemented",
                "Not Implemented", 501, "this service answers only the HTTP methods " + String.join(", ", new TreeSet<>(ANSWERED)),
                null, null));
    }

    /** First on the router after the certificate check: an unknown method never reaches a resource, a filter or the audit trail. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ANSWERED.contains(ctx.request().method().name())) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(501).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(Buffer.buffer(notImplemented));
            }
        });
    }

    /** Every metric's {@code method} label bounded to the answered methods and {@code OTHER}. */
    @Produces
    @Singleton
    MeterFilter boundedMethodLabel() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String method = id.getTag("method");
                if (method == null || ANSWERED.contains(method)) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream().map(t -> t.getKey().equals("method") ? Tag.of("method", OTHER) : t).toList();
                return id.replaceTags(tags);
            }
        };
    }
}
