package se.companydata.gateway.audit;

import io.vertx.ext.web.RoutingContext;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;

/**
 * What the audit trail records about one API call, handed over by the protocol adapter that served
 * it: the validated question and the domain answer. The audit filter builds its record from these
 * (and the caller the security layer established), never from a protocol's response type, so every
 * adapter is audited alike.
 */
public final class AuditContext {

    private static final String REQUEST = "gateway.audit.request";
    private static final String RESULT = "gateway.audit.result";

    private AuditContext() {
    }

    /** The question, once validated (a request refused before that records no company). */
    public static void asked(RoutingContext routing, LookupRequest request) {
        routing.put(REQUEST, request);
    }

    /** The answer about to be disclosed. */
    public static void answered(RoutingContext routing, LookupResult result) {
        routing.put(RESULT, result);
    }

    static LookupRequest request(RoutingContext routing) {
        return routing.get(REQUEST);
    }

    static LookupResult result(RoutingContext routing) {
        return routing.get(RESULT);
    }
}
