package se.companydata.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import se.companydata.gateway.audit.AuditTrail;

/** Not ready while the audit trail cannot write: every answer would be refused (fail closed). */
@Readiness
@ApplicationScoped
public class AuditReadinessCheck implements HealthCheck {

    private final AuditTrail trail;

    AuditReadinessCheck(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("audit-trail").status(trail.isWritable()).build();
    }
}
