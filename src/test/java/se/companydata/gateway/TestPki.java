package se.companydata.gateway;

import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The development PKI that tools/dev-pki.sh creates in target/dev-pki before the tests run. */
public final class TestPki {

    public static final Path DIR = Path.of("target/dev-pki");
    public static final String PASSWORD = "changeit";

    private TestPki() {
    }

    public static String p12(String name) {
        return DIR.resolve(name + ".p12").toString();
    }

    /** RestAssured presenting the named certificate (e.g. "consumer-exempelby") and trusting the dev CA. */
    public static RestAssuredConfig restAssured(String certificate) {
        return restAssuredWithKeyStore(p12(certificate));
    }

    /** RestAssured presenting the key and certificate of a PKCS#12 file (password "changeit") and trusting the dev CA. */
    public static RestAssuredConfig restAssuredWithKeyStore(String keyStore) {
        // A test's own X-Service-Name replaces the default one instead of adding a second value.
        return RestAssured.config().headerConfig(HeaderConfig.headerConfig().overwriteHeadersWithName("X-Service-Name"))
                .sslConfig(SSLConfig.sslConfig()
                .keyStore(keyStore, PASSWORD).keystoreType("PKCS12")
                .trustStore(p12("truststore"), PASSWORD).trustStoreType("PKCS12"));
    }

    public static SSLContext sslContext(String certificate) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(p12(certificate)), PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(p12("truststore")));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an SSL context for " + certificate, e);
        }
    }

    /** Trusts the dev CA but presents no client certificate. */
    public static SSLContext sslContextWithoutCertificate() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(p12("truststore")));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(String path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
