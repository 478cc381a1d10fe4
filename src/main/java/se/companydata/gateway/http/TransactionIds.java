package se.companydata.gateway.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import se.companydata.gateway.domain.RandomIds;

/**
 * The transaction id of each API call: the caller's {@code X-Request-Id} when it is a sane token,
 * otherwise a generated UUID. Echoed on the answer and sent on to every producer.
 */
public class TransactionIds {

    public static final String HEADER = "X-Request-Id";
    static final String KEY_MDC = "transactionId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
    public Response assign(ContainerRequestContext request, RoutingContext routing) {
        CallFacts facts = CallFacts.of(routing);
        String given = request.getHeaderString(HEADER);
        if (given != null && !SANE.matcher(given).matches()) {
            String generated = RandomIds.uuid();
            facts.transactionId(generated);
            MDC.put(KEY_MDC, generated);
            return Problem.response(Response.Status.BAD_REQUEST, "invalid-request-id",
                    "X-Request-Id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'",
                    request.getUriInfo().getPath(), generated);
        }
        String id = given != null ? given : RandomIds.uuid();
        facts.transactionId(id);
        // Every log line of this request (including its producer calls) carries it; Quarkus keeps MDC per request context.
        MDC.put(KEY_MDC, id);
        return null;
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response, RoutingContext routing) {
        String id = CallFacts.of(routing).transactionId();
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** A transaction id the caller gave in its message rather than in {@code X-Request-Id} (the SOAP TransaktionId). */
    public static void assign(RoutingContext routing, String transactionId) {
        CallFacts.of(routing).transactionId(transactionId);
        MDC.put(KEY_MDC, transactionId);
    }
}
