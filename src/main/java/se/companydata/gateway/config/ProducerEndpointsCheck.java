package se.companydata.gateway.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start without a base URL for every producer, with a message that says what to set.
 * (The sandbox is off in prod, so nothing else would answer.)
 */
@ApplicationScoped
public class ProducerEndpointsCheck {

    static final List<String> PRODUCERS = List.of("bolagsverket", "scb", "skatteverket");

    void onStart(@Observes StartupEvent event, Config config) {
        boolean oauth2 = config.getOptionalValue("gateway.producers.bolagsverket.oauth2.enabled", Boolean.class).orElse(true);
        List<String> missing = missing(key -> config.getOptionalValue(key, String.class), oauth2);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No URL configured for producer endpoint(s) " + String.join(", ", missing)
                    + ". Set " + String.join(", ", missing.stream().map(p -> "QUARKUS_REST_CLIENT_" + p.toUpperCase().replace('-', '_') + "_URL").toList())
                    + " (or quarkus.rest-client.<producer>.url). The built-in sandbox is off in the prod profile.");
        }
    }

    static List<String> missing(Function<String, Optional<String>> lookup, boolean bolagsverketOAuth2) {
        List<String> missing = new ArrayList<>();
        List<String> endpoints = new ArrayList<>(PRODUCERS);
        if (bolagsverketOAuth2) {
            endpoints.add("bolagsverket-token");
        }
        for (String producer : endpoints) {
            if (lookup.apply("quarkus.rest-client." + producer + ".url").filter(url -> !url.isBlank()).isEmpty()) {
                missing.add(producer);
            }
        }
        return missing;
    }
}
