package se.companydata.gateway.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.companydata.gateway.cluster.ClusterConfig;
import se.companydata.gateway.cluster.SharedState;
import se.companydata.gateway.config.QuotasConfig;

/**
 * Every producer endpoint's quota, by name ({@code bolagsverket}, {@code foretagsinformation}, {@code scb},
 * {@code skatteverket}); none where none is configured. With Redis, the replicas share each quota's window
 * ({@link SharedQuotaWindow}); without, each holds {@code calls / gateway.cluster.replicas} (at least one call).
 */
@ApplicationScoped
public class ProducerQuotas {

    private final Map<String, ProducerQuota> quotas = new ConcurrentHashMap<>();

    ProducerQuotas(QuotasConfig config, SharedState shared, ClusterConfig cluster, Vertx vertx, MeterRegistry metrics) {
        config.quotas().forEach((name, quota) -> {
            if (quota.calls() > 0) {
                int calls = shared.configured() ? quota.calls() : Math.max(1, quota.calls() / shared.replicas());
                int keptForPeople = (int) Math.ceil(calls * quota.interactiveReserve());
                SharedQuotaWindow window = shared.configured() ? new SharedQuotaWindow(shared, name, quota.period(), quota.lease()) : null;
                // Rejoining, every replica needs one probe to see Redis again and one to have recorded its calls there.
                quotas.put(name, new ProducerQuota(name, displayName(name), calls, keptForPeople, quota.period(), quota.reserve(), vertx,
                        metrics, System::nanoTime, window, shared.replicas(), quota.lease(), cluster.probeInterval().multipliedBy(2)));
            }
        });
    }

    private static String displayName(String name) {
        return switch (name) {
            case "bolagsverket" -> "Bolagsverket";
            case "foretagsinformation" -> "Bolagsverket's Företagsinformation";
            case "scb" -> "SCB";
            case "skatteverket" -> "Skatteverket";
            default -> name;
        };
    }

    public Optional<ProducerQuota> of(String name) {
        return Optional.ofNullable(quotas.get(name));
    }

    public void resetAll() {
        quotas.values().forEach(ProducerQuota::reset);
    }
}
