package se.companydata.gateway.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import se.companydata.gateway.domain.LookupRequest;
import se.companydata.gateway.domain.LookupResult;
import se.companydata.gateway.security.Caller;
import se.companydata.gateway.security.Entitlement;

/**
 * What one API call has established so far, in one typed object on its {@link RoutingContext}: its transaction id
 * and start, the caller and entitlement the security layer found, and what the protocol adapter that served it
 * hands the audit trail (the validated question, the domain answer, a refusal). The audit filter builds its record
 * from these, never from a protocol's response type, so every adapter is audited alike. It fills in as the call
 * proceeds (filters, then the resource), one step at a time: the framework orders those steps.
 */
public final class CallFacts {

    private static final String KEY = CallFacts.class.getName();

    /**
     * What to answer instead when the record cannot be made durable (nothing may be disclosed then), in the adapter's
     * own protocol. Without one the answer is a 503 problem+json.
     */
    public interface Unrecorded {
        void answerInstead(ContainerResponseContext response, String detail, String transactionId);
    }

    private final long startedNanos = System.nanoTime();
    private String transactionId;
    private Caller caller;
    private Entitlement entitlement;
    private LookupRequest request;
    private LookupResult result;
    private String service;
    private String refusal;
    private String roleCertificate;
    private Unrecorded unrecorded;

    private CallFacts() {
    }

    /** This call's facts, begun when first asked for. */
    public static CallFacts of(RoutingContext routing) {
        CallFacts facts = routing.get(KEY);
        if (facts == null) {
            facts = new CallFacts();
            routing.put(KEY, facts);
        }
        return facts;
    }

    /** Milliseconds since the call's facts were begun (the request reached the API). */
    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public String transactionId() {
        return transactionId;
    }

    void transactionId(String id) {
        this.transactionId = id;
    }

    /** The caller as far as it was established (null without a client certificate). */
    public Caller caller() {
        return caller;
    }

    void caller(Caller established) {
        this.caller = established;
    }

    /** The entitlement of the e-service the caller named, once granted (not for SOAP, which decides itself). */
    public Entitlement entitlement() {
        return entitlement;
    }

    void entitlement(Entitlement granted) {
        this.entitlement = granted;
    }

    /** The question, once validated (a request refused before that records no company). */
    public void asked(LookupRequest validated) {
        this.request = validated;
    }

    public LookupRequest request() {
        return request;
    }

    /** The answer about to be disclosed. */
    public void answered(LookupResult answer) {
        this.result = answer;
    }

    public LookupResult result() {
        return result;
    }

    /** The e-service the caller named, where the protocol carries it elsewhere than the X-Service-Name header. */
    public void service(String tjanstenamn) {
        this.service = tjanstenamn;
    }

    public String service() {
        return service;
    }

    /**
     * The request was refused, whatever HTTP status the protocol answers it with (a SOAP fault is HTTP 500 by rule,
     * yet a refusal, not a failure of the gateway).
     */
    public void refused(String detail) {
        this.refusal = detail;
    }

    public String refusal() {
        return refusal;
    }

    /** The id of a role certificate (RollIntyg) the request carried: recorded, not interpreted. */
    public void roleCertificate(String id) {
        this.roleCertificate = id;
    }

    public String roleCertificate() {
        return roleCertificate;
    }

    public void unrecorded(Unrecorded instead) {
        this.unrecorded = instead;
    }

    public Unrecorded unrecorded() {
        return unrecorded;
    }
}
