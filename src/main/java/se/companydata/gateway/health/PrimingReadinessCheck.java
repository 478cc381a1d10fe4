package se.companydata.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import se.companydata.gateway.priming.Priming;

/** Not ready until the gateway has primed itself (connections, token, hot paths), or priming's timeout has passed. */
@Readiness
@ApplicationScoped
public class PrimingReadinessCheck implements HealthCheck {

    private final Priming priming;

    PrimingReadinessCheck(Priming priming) {
        this.priming = priming;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("priming").status(priming.done()).withData("outcome", priming.outcome()).build();
    }
}
