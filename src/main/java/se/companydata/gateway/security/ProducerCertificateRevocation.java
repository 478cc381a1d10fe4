package se.companydata.gateway.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Revocation of the producers' server certificates, checked in the handshake itself: every TLS configuration an
 * outbound REST client names ({@code quarkus.rest-client.<client>.tls-configuration-name}) is replaced in the
 * registry, before any client is built, by one whose trust manager first lets the configured trust store judge
 * the chain, then asks {@link RevocationCheck} about it (that producer's trust store as anchors, the anchors'
 * modes as for consumers). A revoked chain, or an unknown status under hard-fail, fails the handshake: no request
 * and no company's identity number reach a server that holds a revoked certificate's key. Checking it every
 * handshake is cheap: the status is kept {@code cache-ttl}, and pooled connections are reused.
 */
@ApplicationScoped
public class ProducerCertificateRevocation {

    private static final Logger LOG = Logger.getLogger(ProducerCertificateRevocation.class);

    private final RevocationCheck revocation;
    private final RevocationConfig config;
    private final TlsConfigurationRegistry registry;
    private final Config settings;

    ProducerCertificateRevocation(RevocationCheck revocation, RevocationConfig config, TlsConfigurationRegistry registry,
                                  Config settings) {
        this.revocation = revocation;
        this.config = config;
        this.registry = registry;
        this.settings = settings;
    }

    /** Before everything else at start: the REST clients read their TLS configuration from the registry when built. */
    void replaceTlsConfigurations(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        Set<String> names = outboundTlsConfigurations();
        for (String name : names) {
            registry.get(name).filter(tls -> !(tls instanceof RevocationChecked))
                    .ifPresent(tls -> registry.register(name, new RevocationChecked(tls, revocation)));
        }
        LOG.debugf("Producers' server certificates checked for revocation in the handshake of TLS configurations %s", names);
    }

    private Set<String> outboundTlsConfigurations() {
        Set<String> names = new TreeSet<>();
        for (String property : settings.getPropertyNames()) {
            if (property.startsWith("quarkus.rest-client.") && property.endsWith(".tls-configuration-name")) {
                settings.getOptionalValue(property, String.class).ifPresent(names::add);
            }
        }
        return names;
    }

    /** A producer's TLS configuration as configured, with a trust manager that also checks revocation. */
    static final class RevocationChecked implements TlsConfiguration {

        private final TlsConfiguration configured;
        private final RevocationCheck revocation;

        RevocationChecked(TlsConfiguration configured, RevocationCheck revocation) {
            this.configured = configured;
            this.revocation = revocation;
        }

        @Override
        public TrustOptions getTrustStoreOptions() {
            TrustOptions trust = configured.getTrustStoreOptions();
            return trust == null ? null : new RevocationTrustOptions(trust, revocation);
        }

        @Override
        public KeyStore getKeyStore() {
            return configured.getKeyStore();
        }

        @Override
        public KeyCertOptions getKeyStoreOptions() {
            return configured.getKeyStoreOptions();
        }

        @Override
        public KeyStore getTrustStore() {
            return configured.getTrustStore();
        }

        @Override
        public SSLOptions getSSLOptions() {
            SSLOptions options = configured.getSSLOptions();
            TrustOptions trust = getTrustStoreOptions();
            return options == null || trust == null ? options : new SSLOptions(options).setTrustOptions(trust);
        }

        @Override
        public SSLContext createSSLContext() throws Exception {
            return configured.createSSLContext();
        }

        @Override
        public boolean isTrustAll() {
            return configured.isTrustAll();
        }

        @Override
        public Optional<String> getHostnameVerificationAlgorithm() {
            return configured.getHostnameVerificationAlgorithm();
        }

        @Override
        public boolean usesSni() {
            return configured.usesSni();
        }

        @Override
        public boolean reload() {
            return configured.reload();
        }

        @Override
        public String getName() {
            return configured.getName();
        }
    }

    private record RevocationTrustOptions(TrustOptions configured, RevocationCheck revocation) implements TrustOptions {

        @Override
        public TrustOptions copy() {
            return new RevocationTrustOptions(configured.copy(), revocation);
        }

        @Override
        public TrustManagerFactory getTrustManagerFactory(Vertx vertx) throws Exception {
            return TrustOptions.wrap(wrap(configured.getTrustManagerFactory(vertx).getTrustManagers())).getTrustManagerFactory(vertx);
        }

        @Override
        public Function<String, TrustManager[]> trustManagerMapper(Vertx vertx) throws Exception {
            Function<String, TrustManager[]> mapper = configured.trustManagerMapper(vertx);
            return mapper == null ? null : serverName -> {
                TrustManager[] managers = mapper.apply(serverName);
                return managers == null ? null : new TrustManager[] {wrap(managers)};
            };
        }

        private TrustManager wrap(TrustManager[] managers) {
            X509TrustManager configuredManager = Arrays.stream(managers).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the producer's trust store gives no X.509 trust manager"));
            // A plain manager stays plain: the JDK then adds the host name check around it, as it did before.
            return configuredManager instanceof X509ExtendedTrustManager extended ? new RevocationTrustManager(extended, revocation)
                    : new PlainRevocationTrustManager(configuredManager, revocation);
        }
    }

    private static void checkRevocation(X509Certificate[] chain, X509Certificate[] trusted, RevocationCheck revocation)
            throws CertificateException {
        Set<TrustAnchor> anchors = Arrays.stream(trusted).map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
        RevocationCheck.Status status = revocation.producerStatus(List.of(chain), anchors);
        if (status.refuses()) {
            throw new CertificateException("the producer's server certificate is refused: " + status.explanation());
        }
    }

    /** {@link RevocationTrustManager} for a configured trust manager that is not an extended one. */
    static final class PlainRevocationTrustManager implements X509TrustManager {

        private final X509TrustManager configured;
        private final RevocationCheck revocation;

        PlainRevocationTrustManager(X509TrustManager configured, RevocationCheck revocation) {
            this.configured = configured;
            this.revocation = revocation;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            configured.checkServerTrusted(chain, authType);
            checkRevocation(chain, configured.getAcceptedIssuers(), revocation);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            configured.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return configured.getAcceptedIssuers();
        }
    }

    /** The configured trust manager's verdict first, then the revocation status: the chain is trusted only with both. */
    static final class RevocationTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager configured;
        private final RevocationCheck revocation;

        RevocationTrustManager(X509ExtendedTrustManager configured, RevocationCheck revocation) {
            this.configured = configured;
            this.revocation = revocation;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            configured.checkServerTrusted(chain, authType, engine);
            checkRevocation(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            configured.checkServerTrusted(chain, authType, socket);
            checkRevocation(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            configured.checkServerTrusted(chain, authType);
            checkRevocation(chain);
        }

        private void checkRevocation(X509Certificate[] chain) throws CertificateException {
            ProducerCertificateRevocation.checkRevocation(chain, configured.getAcceptedIssuers(), revocation);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            configured.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            configured.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            configured.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return configured.getAcceptedIssuers();
        }
    }
}
