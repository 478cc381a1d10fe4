package se.companydata.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;

/** A renewed server certificate takes effect on new connections without a restart (TLS registry reload). */
@QuarkusTest
@TestProfile(CertificateReloadTest.ReloadingKeyStore.class)
class CertificateReloadTest extends SandboxTest {

    static final Path DIR = Path.of("target/tls-reload-test");

    public static class ReloadingKeyStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                Files.copy(Path.of(TestPki.p12("server")), DIR.resolve("server.p12"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.tls.api.key-store.p12.path", DIR.resolve("server.p12").toString(),
                    "quarkus.tls.api.reload-period", "1s");
        }
    }

    @Test
    void aRenewedServerCertificateIsServedWithoutRestart() throws Exception {
        assertThat(serverCertificateSubject()).contains("O=Company-data gateway");

        Path renewed = renewedKeyStore();
        Files.move(renewed, DIR.resolve("server.p12"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String subject = "";
        int failedHandshakes = 0;
        while (!subject.contains("O=Renewed") && System.nanoTime() < deadline) {
            try {
                subject = serverCertificateSubject();
            } catch (IOException racedTheSwap) {
                // A handshake that meets the moment of the swap can be cut; one such is seen now and then.
                failedHandshakes++;
            }
            Thread.sleep(250);
        }
        assertThat(subject).contains("O=Renewed");
        assertThat(failedHandshakes).as("handshakes cut while the certificate was swapped").isLessThanOrEqualTo(1);
        // And the API still answers over the renewed certificate.
        lookup(body(TestRegister.id(TestRegister.ordinary("AB").get(90)), "UD0001")).statusCode(200);
    }

    private String serverCertificateSubject() throws IOException {
        try (SSLSocket socket = (SSLSocket) TestPki.sslContext(CONSUMER).getSocketFactory().createSocket("localhost", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    /** A new server key pair and certificate from the dev CA, as a renewal would bring. */
    private static Path renewedKeyStore() throws Exception {
        Path store = DIR.resolve("renewed.p12");
        Path csr = DIR.resolve("renewed.csr");
        Path crt = DIR.resolve("renewed.crt");
        Files.deleteIfExists(store);
        String ca = TestPki.p12("ca");
        String caCrt = TestPki.DIR.resolve("ca.crt").toString();
        List<List<String>> steps = List.of(
                List.of("-genkeypair", "-alias", "server", "-dname", "CN=localhost, O=Renewed, C=SE", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-keystore", store.toString()),
                List.of("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", csr.toString()),
                List.of("-gencert", "-alias", "ca", "-keystore", ca, "-infile", csr.toString(), "-outfile", crt.toString(),
                        "-rfc", "-ext", "san=dns:localhost,ip:127.0.0.1"),
                List.of("-importcert", "-alias", "ca", "-file", caCrt, "-keystore", store.toString(), "-noprompt"),
                List.of("-importcert", "-alias", "server", "-file", crt.toString(), "-keystore", store.toString()));
        for (List<String> step : steps) {
            var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
            command.addAll(step);
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", TestPki.PASSWORD, "-keypass", TestPki.PASSWORD));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", step) + ": " + out).isZero();
        }
        return store;
    }
}
