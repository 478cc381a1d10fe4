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

    static final String TOKEN_URL = "gateway.producers.bolagsverket.oauth2.token-url";

    void onStart(@Observes StartupEvent event, Config config) {
        boolean oauth2 = config.getOptionalValue("gateway.producers.bolagsverket.oauth2.enabled", Boolean.class).orElse(true);
        List<String> missing = missing(key -> config.getOptionalValue(key, String.class), oauth2);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No URL configured for producer endpoint(s): set " + String.join(", ",
                    missing.stream().map(key -> key + " (" + StartupCheck.env(key) + ")").toList())
                    + ". The built-in sandbox is off in the prod profile.");
        }
    }

    /** The URL settings that are missing or blank: each producer's base URL, and Bolagsverket's token endpoint. */
    static List<String> missing(Function<String, Optional<String>> lookup, boolean bolagsverketOAuth2) {
        List<String> keys = new ArrayList<>(PRODUCERS.stream().map(producer -> "quarkus.rest-client." + producer + ".url").toList());
        if (bolagsverketOAuth2) {
            keys.add(TOKEN_URL);
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (lookup.apply(key).filter(url -> !url.isBlank()).isEmpty()) {
                missing.add(key);
            }
        }
        return missing;
    }
}
