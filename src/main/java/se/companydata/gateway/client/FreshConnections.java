package se.companydata.gateway.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import se.companydata.gateway.security.OffLoopHandshakes;

/**
 * A second REST client per producer, built from that producer's own client configuration (URL, TLS
 * configuration, timeouts) but without keep-alive: every call on it opens a new connection. The
 * repeat of a call whose connection was lost goes out on it, so it cannot land on another pooled
 * connection the producer has closed or is closing. Built on first use: repeats are rare.
 */
@ApplicationScoped
public class FreshConnections {

    private final Config config;
    private final TlsConfigurationRegistry tls;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    FreshConnections(Config config, TlsConfigurationRegistry tls) {
        this.config = config;
        this.tls = tls;
    }

    /** The fresh-connection client for the REST client interface registered under {@code configKey}. */
    public <T> T client(Class<T> api, String configKey) {
        return api.cast(clients.computeIfAbsent(configKey, key -> build(api, key)));
    }

    private <T> T build(Class<T> api, String key) {
        String prefix = "quarkus.rest-client." + key + ".";
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.getValue(prefix + "url", String.class)))
                .connectTimeout(setting(prefix, "connect-timeout"), TimeUnit.MILLISECONDS)
                .readTimeout(setting(prefix, "read-timeout"), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, false)
                .register(OffLoopHandshakes.class);
        config.getOptionalValue(prefix + "tls-configuration-name", String.class)
                .flatMap(tls::get).ifPresent(builder::tlsConfiguration);
        return builder.build(api);
    }

    private long setting(String prefix, String name) {
        return config.getOptionalValue(prefix + name, Long.class)
                .orElseGet(() -> config.getValue("quarkus.rest-client." + name, Long.class));
    }
}
