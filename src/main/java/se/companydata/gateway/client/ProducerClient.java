package se.companydata.gateway.client;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.Set;
import se.companydata.gateway.domain.CallContext;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;

/**
 * One producer's client as the lookup and priming see it: the sources (endpoints) it calls, a call to one of them
 * for one company, and the warming of its connections before readiness. Each implementation owns its producer's
 * fault tolerance and wire mapping; nothing above it knows a producer by name.
 */
public interface ProducerClient {

    /** The sources this client calls: every source has exactly one client. */
    Set<Source> sources();

    /** What {@code source} holds about {@code id}, as domain items (a failure is an answer with an error, not a failed Uni). */
    Uni<ProducerAnswer> call(Source source, CompanyId id, CallContext context);

    /**
     * Opens and warms this producer's pooled connections before the gateway reports ready (see {@link ConnectionPriming});
     * empty for a client with nothing of its own to warm.
     */
    default Optional<Uni<ConnectionPriming.Primed>> prime(int connections, int rounds) {
        return Optional.empty();
    }
}
