package se.companydata.gateway.security;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The CAs the API port trusts for client certificates (TLS configuration "api"), as read now: the store reloads. */
@ApplicationScoped
public class ClientCaStore {

    private final TlsConfigurationRegistry tls;

    ClientCaStore(TlsConfigurationRegistry tls) {
        this.tls = tls;
    }

    public Set<TrustAnchor> anchors() {
        Set<TrustAnchor> anchors = new HashSet<>();
        KeyStore store = tls.get("api").map(TlsConfiguration::getTrustStore).orElse(null);
        if (store == null) {
            return anchors;
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate ca) {
                    anchors.add(new TrustAnchor(ca, null));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the API's client-CA store cannot be read", e);
        }
        return anchors;
    }

    /** The chain without the certificates that are trust anchors themselves (a CertPath ends below its anchor). */
    static List<X509Certificate> withoutTrustedRoots(List<X509Certificate> chain, Set<TrustAnchor> anchors) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c))) {
                path.add(c);
            }
        }
        return path;
    }
}
