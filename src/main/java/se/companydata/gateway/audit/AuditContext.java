package se.companydata.gateway.audit;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
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
    private static final String SERVICE = "gateway.audit.service";
    private static final String REFUSAL = "gateway.audit.refusal";
    private static final String ROLE_CERTIFICATE = "gateway.audit.roleCertificate";
    private static final String INSTEAD = "gateway.audit.instead";

    /**
     * What to answer instead when the record cannot be made durable (nothing may be disclosed then),
     * in the adapter's own protocol. Without one the answer is a 503 problem+json.
     */
    public interface Unrecorded {
        void answerInstead(ContainerResponseContext response, String detail, String transactionId);
    }

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

    /** The e-service the caller named, where the protocol carries it elsewhere than the X-Service-Name header. */
    public static void service(RoutingContext routing, String tjanstenamn) {
        routing.put(SERVICE, tjanstenamn);
    }

    /**
     * The request was refused, whatever HTTP status the protocol answers it with (a SOAP fault is
     * HTTP 500 by rule, yet a refusal, not a failure of the gateway).
     */
    public static void refused(RoutingContext routing, String detail) {
        routing.put(REFUSAL, detail);
    }

    /** The id of a role certificate (RollIntyg) the request carried: recorded, not interpreted. */
    public static void roleCertificate(RoutingContext routing, String id) {
        routing.put(ROLE_CERTIFICATE, id);
    }

    public static void unrecorded(RoutingContext routing, Unrecorded instead) {
        routing.put(INSTEAD, instead);
    }

    static String service(RoutingContext routing) {
        return routing.get(SERVICE);
    }

    static String refusal(RoutingContext routing) {
        return routing.get(REFUSAL);
    }

    static String roleCertificate(RoutingContext routing) {
        return routing.get(ROLE_CERTIFICATE);
    }

    static Unrecorded unrecorded(RoutingContext routing) {
        return routing.get(INSTEAD);
    }

    static LookupRequest request(RoutingContext routing) {
        return routing.get(REQUEST);
    }

    static LookupResult result(RoutingContext routing) {
        return routing.get(RESULT);
    }
}
