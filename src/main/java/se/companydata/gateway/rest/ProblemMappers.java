package se.companydata.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import se.companydata.gateway.http.Problem;
import se.companydata.gateway.http.CallFacts;
import se.companydata.gateway.domain.CompanyNotFoundException;
import se.companydata.gateway.domain.InvalidIdentityException;
import se.companydata.gateway.domain.UseAreaNotApprovedException;

/** Every error as RFC 9457 problem+json with a precise detail; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Jackson's wording for a key given twice (STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '([^']*)'");

    @ServerExceptionMapper
    public Response invalidIdentity(InvalidIdentityException e, RoutingContext routing) {
        return problem(Response.Status.BAD_REQUEST, "invalid-identity", e.getMessage(), routing);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, RoutingContext routing) {
        return problem(Response.Status.BAD_REQUEST, "invalid-request", e.getMessage(), routing);
    }

    @ServerExceptionMapper
    public Response useAreaNotApproved(UseAreaNotApprovedException e, RoutingContext routing) {
        return problem(Response.Status.FORBIDDEN, "use-area-not-approved", e.getMessage(), routing);
    }

    @ServerExceptionMapper
    public Response notFound(CompanyNotFoundException e, RoutingContext routing) {
        return problem(Response.Status.NOT_FOUND, "company-not-found", e.getMessage(), routing);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedField(UnrecognizedPropertyException e, RoutingContext routing) {
        return problem(Response.Status.BAD_REQUEST, "invalid-body", "unknown field '" + e.getPropertyName()
                + "'; the body takes identity, namnskyddslopnummer, items, anvandare and anvandningsomrade", routing);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, RoutingContext routing) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            path.append(reference.getFieldName() != null ? (path.isEmpty() ? "" : ".") + reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        String field = path.toString();
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return problem(Response.Status.BAD_REQUEST, "invalid-body", "field '" + field + "' is one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants()) + " (got " + f.getValue() + ")", routing);
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return problem(Response.Status.BAD_REQUEST, "invalid-body", "the body holds more than one JSON value: send one object", routing);
        }
        String value = e instanceof InvalidFormatException f ? " (got " + f.getValue() + ")" : "";
        return problem(Response.Status.BAD_REQUEST, "invalid-body", field.isEmpty()
                ? "the body must be a JSON object: {\"identity\": \"…\", \"items\": [\"UD0001\"]}"
                : "field '" + field + "' has the wrong type" + value + ": identity is a string, namnskyddslopnummer a whole number, "
                        + "items a list of strings, anvandare an object, anvandningsomrade a string",
                routing);
    }

    @ServerExceptionMapper(priority = 2)
    public Response unreadableJson(JsonProcessingException e, RoutingContext routing) {
        var location = e.getLocation();
        var duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return problem(Response.Status.BAD_REQUEST, "invalid-body", "field '" + duplicate.group(1) + "' is given more than once", routing);
        }
        return problem(Response.Status.BAD_REQUEST, "invalid-body", "the body is not valid JSON"
                + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"), routing);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext routing) {
        int status = e.getResponse().getStatus();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, routing);
            }
        }
        if (status >= 500) {
            return unexpected(e, routing);
        }
        var reason = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 400 -> "the body must be a JSON object: {\"identity\": \"…\", \"items\": [\"UD0001\"]}";
            case 404 -> "no resource at " + routing.request().path() + "; the API is POST /api/v1/lookup";
            case 405 -> routing.request().method() + " is not allowed here; use POST";
            case 415 -> "send the body as application/json";
            case 406 -> "the answer is application/json (errors application/problem+json)";
            default -> e.getMessage();
        };
        return Problem.response(status, reason == null ? "Error" : reason.getReasonPhrase(),
                reason == null ? "http-" + status : reason.name().toLowerCase().replace('_', '-'), detail,
                routing.request().path(), CallFacts.of(routing).transactionId());
    }

    /** The caller went away mid-lookup: nothing is wrong with the gateway and nobody will read the answer. */
    @ServerExceptionMapper
    public Response cancelled(java.util.concurrent.CancellationException e, RoutingContext routing) {
        LOG.debugf("Transaction %s cancelled by the caller", CallFacts.of(routing).transactionId());
        return problem(Response.Status.SERVICE_UNAVAILABLE, "cancelled", "the lookup was cancelled before it completed", routing);
    }

    /**
     * The body could not be read: larger than the limit (Vert.x has already answered 413 and closed), or the
     * caller closed or reset the connection. The caller's doing, so one line and no stack trace.
     */
    @ServerExceptionMapper
    public Response unreadable(IOException e, RoutingContext routing) {
        String why = rootMessage(e);
        LOG.infof("Transaction %s: the request body could not be read (%s)", CallFacts.of(routing).transactionId(), why);
        return e.getMessage() != null && e.getMessage().contains("Request too large")
                ? Problem.response(413, "Content Too Large", "body-too-large", "the body is larger than the gateway accepts "
                        + "(quarkus.http.limits.max-body-size)", routing.request().path(), CallFacts.of(routing).transactionId())
                : problem(Response.Status.BAD_REQUEST, "body-unreadable", "the body could not be read: " + why, routing);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext routing) {
        String tx = CallFacts.of(routing).transactionId();
        if (causedBy(e, HttpClosedException.class) || causedBy(e, StreamResetException.class)) {
            // The caller closed or reset its stream: nobody reads this answer, and nothing failed here.
            LOG.infof("Transaction %s: the caller closed or reset the request (%s)", tx, rootMessage(e));
            return problem(Response.Status.SERVICE_UNAVAILABLE, "cancelled", "the request was closed by the caller", routing);
        }
        LOG.errorf(e, "Unexpected failure in transaction %s", tx);
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "the gateway failed unexpectedly; quote transaction id " + tx + " to support", routing);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) || Arrays.stream(t.getSuppressed()).anyMatch(type::isInstance)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static Response problem(Response.Status status, String slug, String detail, RoutingContext routing) {
        return Problem.response(status, slug, detail, routing.request().path(), CallFacts.of(routing).transactionId());
    }
}
