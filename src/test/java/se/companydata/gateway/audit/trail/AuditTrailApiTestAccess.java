package se.companydata.gateway.audit.trail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Lets tests of other adapters read a transaction's audit record the way AuditTrailApiTest does. */
public final class AuditTrailApiTestAccess {

    private AuditTrailApiTestAccess() {
    }

    public static JsonNode recordOf(String transactionId) throws IOException {
        return AuditTrailApiTest.recordOf(transactionId);
    }
}
