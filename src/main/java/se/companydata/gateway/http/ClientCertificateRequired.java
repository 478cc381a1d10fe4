package se.companydata.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import se.companydata.gateway.security.ConnectionCheck;
import se.companydata.gateway.security.ConsumerAuthorization;

/**
 * The API port asks for a client certificate rather than demanding it in the handshake, so that a caller who
 * forgot it gets an answer it can read instead of a bare TLS alert: a 401 problem+json naming what to present
 * and the self-test, and the connection closed after it. Nothing else is reachable without a certificate: this
 * is the first route on the router, before every resource, filter, metric and the audit trail, and an untrusted
 * or expired certificate is still refused by the handshake itself.
 */
@ApplicationScoped
public class ClientCertificateRequired {

    static final String DETAIL = "the API requires a client certificate (mutual TLS): present your organisation certificate,"
            + " issued by a CA the gateway trusts, with its key (curl: --cert and --key). With it, the self-test (GET "
            + ConsumerAuthorization.CONNECTION_PATH + ") says whether it is trusted and which e-services are registered for it";

    private final ObjectMapper json;

    ClientCertificateRequired(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (!ctx.request().isSSL() || !ConnectionCheck.presented(ctx.request().sslSession()).isEmpty()) {
                ctx.next();
                return;
            }
            String tx = CallFacts.of(ctx).transactionId();
            byte[] body;
            try {
                body = json.writeValueAsBytes(problem(ctx.request().path(), tx));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            ctx.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    // RFC 9110 asks a 401 to name how to authenticate: here, by the TLS layer, not by a header.
                    .putHeader("WWW-Authenticate", "Mutual-TLS realm=\"company-data-gateway\"");
            if (ctx.request().version() != HttpVersion.HTTP_2) {
                ctx.response().putHeader("Connection", "close");
            }
            ctx.response().end(Buffer.buffer(body)).onComplete(done -> ctx.request().connection().close());
        });
    }

    /** The 401 problem (also the authorization filter's, should a request without a certificate reach it). */
    static Problem problem(String path, String transactionId) {
        return new Problem("urn:company-data-gateway:problem:client-certificate-required", "Unauthorized",
                Response.Status.UNAUTHORIZED.getStatusCode(), DETAIL, path, transactionId);
    }
}
