package se.companydata.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, plus the transaction id so support can find the lookup in the logs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String transactionId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String slug, String detail, String instance, String transactionId) {
        return response(status.getStatusCode(), status.getReasonPhrase(), slug, detail, instance, transactionId);
    }

    public static Response response(int status, String title, String slug, String detail, String instance, String transactionId) {
        var problem = new Problem("urn:company-data-gateway:problem:" + slug, title, status, detail, instance, transactionId);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
