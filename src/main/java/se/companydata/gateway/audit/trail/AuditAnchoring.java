package se.companydata.gateway.audit.trail;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.jboss.logging.Logger;
import se.companydata.gateway.audit.admin.AuditAdmin;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.ChainHead;

/**
 * Signs a chain's head with the gateway's own key and writes the anchor to the log stream, which
 * operators ship off the pod: the one place the writer cannot reach back into. {@code AuditAdmin verify
 * --anchors} checks a trail against the newest anchor it finds there.
 */
@ApplicationScoped
public class AuditAnchoring {

    /** Its own category, so operators can route anchors (and only them) to a separate destination. */
    public static final String CATEGORY = "gateway.audit.anchor";
    private static final Logger ANCHORS = Logger.getLogger(CATEGORY);
    private static final Logger LOG = Logger.getLogger(AuditAnchoring.class);

    private final TlsConfigurationRegistry tls;
    private final Vertx vertx;
    private final AuditConfig config;

    public AuditAnchoring(TlsConfigurationRegistry tls, Vertx vertx, AuditConfig config) {
        this.tls = tls;
        this.vertx = vertx;
        this.config = config;
    }

    /** Signs and logs the head; the anchor, or empty if it could not be signed (logged as an error). */
    public Optional<AuditAnchor> anchor(String writer, ChainHead head) {
        try {
            KeyManagerFactory factory = tls.get(config.anchor().tlsConfigurationName())
                    .map(TlsConfiguration::getKeyStoreOptions)
                    .orElseThrow(() -> new IllegalStateException("no TLS configuration '" + config.anchor().tlsConfigurationName() + "' with a key"))
                    .getKeyManagerFactory(vertx);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager keys) {
                    for (String type : new String[] {"EC", "RSA"}) {
                        String[] aliases = keys.getServerAliases(type, null);
                        if (aliases != null && aliases.length > 0) {
                            PrivateKey key = keys.getPrivateKey(aliases[0]);
                            X509Certificate certificate = keys.getCertificateChain(aliases[0])[0];
                            AuditAnchor anchor = AuditAnchor.sign(writer, head, Instant.now(), key, certificate.getPublicKey());
                            ANCHORS.info(anchor.line());
                            return Optional.of(anchor);
                        }
                    }
                }
            }
            throw new IllegalStateException("the key store of TLS configuration '" + config.anchor().tlsConfigurationName() + "' holds no EC or RSA key");
        } catch (Exception e) {
            LOG.errorf("Cannot anchor the audit chain of %s at seq %d: %s", writer, head.seq(), e.getMessage());
            return Optional.empty();
        }
    }
}
