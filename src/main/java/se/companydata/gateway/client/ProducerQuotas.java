package se.companydata.gateway.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.companydata.gateway.config.QuotasConfig;

/**
 * Every producer endpoint's quota, by name ({@code bolagsverket}, {@code foretagsinformation}, {@code scb},
 * {@code skatteverket}); none where none is configured. Each replica holds {@code calls × replica-share}
 * of a quota (at least one call).
 */
@ApplicationScoped
public class ProducerQuotas {

    private final Map<String, ProducerQuota> quotas = new ConcurrentHashMap<>();

    ProducerQuotas(QuotasConfig config, Vertx vertx, MeterRegistry metrics) {
        config.quotas().forEach((name, quota) -> {
            if (quota.calls() > 0) {
                int mine = Math.max(1, (int) Math.floor(quota.calls() * quota.replicaShare()));
                int keptForPeople = (int) Math.ceil(mine * quota.interactiveReserve());
                quotas.put(name, new ProducerQuota(name, displayName(name), mine, keptForPeople, quota.period(), quota.reserve(), vertx, metrics,
                        System::nanoTime));
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
