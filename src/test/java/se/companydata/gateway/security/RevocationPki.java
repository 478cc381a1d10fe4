package se.companydata.gateway.security;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import se.companydata.gateway.TestPki;

/**
 * Three test CAs made with openssl, with what a real CA publishes: an OCSP responder ({@code openssl ocsp}, one per
 * CA that has one) and CRLs served over HTTP on loopback, plus a CRL file an operator would mount.
 * <ul>
 * <li>"Hard-fail test CA" (the default mode): OCSP for ocsp-good/ocsp-revoked, a responder that is down for
 * ocsp-down, a CRL distribution point for crl-good/crl-revoked, and one whose CRL is stale for crl-stale.</li>
 * <li>"Soft-fail test CA" (configured soft-fail): soft-down (responder down) and soft-revoked (OCSP).</li>
 * <li>"File test CA": no OCSP, no distribution point; its CRL is a mounted file (file-good, file-revoked).</li>
 * </ul>
 * Every client leaf names organisation 2120009010 (Exempelby kommun, registered for SERVTILLSTBV). Two producers
 * are played by HTTPS servers with server certificates of the hard-fail CA, answering 503 to whatever reaches them:
 * SCB's with a good certificate, Skatteverket's with a revoked one. Each writes a line per request it receives to
 * {@code <name>.requests}.
 */
public class RevocationPki implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target/revocation-test");
    static final String SOFT_CA = "CN=Soft-fail test CA,O=Revocation test,C=SE";

    private final List<Process> responders = new ArrayList<>();
    private final List<HttpsServer> producers = new ArrayList<>();
    private HttpServer crlServer;

    @Override
    public Map<String, String> start() {
        try {
            clean();
            int ocspHard = freePort();
            int ocspSoft = freePort();
            int crl = freePort();
            int down = freePort();   // nothing listens there: a responder that is down
            Files.createDirectories(DIR.resolve("http"));
            ca("hard", "Hard-fail test CA");
            ca("soft", "Soft-fail test CA");
            ca("file", "File test CA");
            leaf("ocsp-good", "hard", "http://127.0.0.1:" + ocspHard + "/", null, false);
            leaf("ocsp-revoked", "hard", "http://127.0.0.1:" + ocspHard + "/", null, true);
            leaf("ocsp-down", "hard", "http://127.0.0.1:" + down + "/", null, false);
            leaf("crl-good", "hard", null, "http://127.0.0.1:" + crl + "/hard.crl", false);
            leaf("crl-revoked", "hard", null, "http://127.0.0.1:" + crl + "/hard.crl", true);
            leaf("crl-stale", "hard", null, "http://127.0.0.1:" + crl + "/stale.crl", false);
            leaf("soft-down", "soft", "http://127.0.0.1:" + down + "/", null, false);
            leaf("soft-revoked", "soft", "http://127.0.0.1:" + ocspSoft + "/", null, true);
            leaf("file-good", "file", null, null, false);
            leaf("file-revoked", "file", null, null, true);
            server("producer-good", "http://127.0.0.1:" + ocspHard + "/", false);
            server("token-endpoint", "http://127.0.0.1:" + ocspHard + "/", false);
            server("producer-revoked", "http://127.0.0.1:" + ocspHard + "/", true);
            openssl(DIR.resolve("hard"), "ca", "-config", "ca.cnf", "-gencrl", "-out", "../http/hard.crl");
            // Issued a year ago, valid for a day: the CA stopped publishing.
            openssl(DIR.resolve("hard"), "ca", "-config", "ca.cnf", "-gencrl", "-crl_lastupdate", "20251201000000Z",
                    "-crl_nextupdate", "20251202000000Z", "-out", "../http/stale.crl");
            openssl(DIR.resolve("file"), "ca", "-config", "ca.cnf", "-gencrl", "-out", "../file.crl");
            responders.add(responder("hard", ocspHard));
            responders.add(responder("soft", ocspSoft));
            crlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", crl), 0);
            crlServer.createContext("/", exchange -> {
                Path file = DIR.resolve("http").resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(DIR.resolve("http")) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] body = Files.readAllBytes(file);
                    exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            crlServer.start();
            waitFor(ocspHard);
            waitFor(ocspSoft);
            String trustStore = trustStore().toString();
            int good = producer("producer-good");
            return properties("quarkus.tls.api.trust-store.p12.path", trustStore,
                    "gateway.revocation.crl-files", "target/dev-pki/ca.crl," + DIR.resolve("file.crl"),
                    "gateway.revocation.anchor.soft.subject", SOFT_CA,
                    "gateway.revocation.anchor.soft.mode", "soft-fail",
                    // The verdict under test, not a slow first OCSP call on a busy machine.
                    "gateway.revocation.timeout", "20s",
                    // Bolagsverket's API and SCB behind a good certificate, Bolagsverket's token endpoint behind another
                    // (a status nothing else has asked for), Skatteverket behind the revoked one.
                    "gateway.producers.bolagsverket.oauth2.token-url", "https://localhost:" + producer("token-endpoint") + "/oauth2/token",
                    "quarkus.rest-client.bolagsverket.url", "https://localhost:" + good + "/bolagsverket",
                    "quarkus.tls.bolagsverket.trust-store.p12.path", trustStore,
                    "quarkus.rest-client.scb.url", "https://localhost:" + good + "/scb",
                    "quarkus.tls.scb.trust-store.p12.path", trustStore,
                    "quarkus.rest-client.skatteverket.url", "https://localhost:" + producer("producer-revoked") + "/skatteverket",
                    "quarkus.tls.skatteverket.trust-store.p12.path", trustStore);
        } catch (IOException | InterruptedException e) {
            stop();
            throw new IllegalStateException("cannot set up the revocation test PKI: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // -multi forks worker processes: they are stopped first, or they outlive the test and spin.
        for (Process responder : responders) {
            responder.descendants().forEach(ProcessHandle::destroyForcibly);
            responder.destroyForcibly();
        }
        if (crlServer != null) {
            crlServer.stop(0);
        }
        producers.forEach(server -> server.stop(0));
    }

    private static Map<String, String> properties(String... pairs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    /** The requests that reached the producer server {@code name}. */
    static long requestsTo(String name) throws IOException {
        return requests(name).size();
    }

    /** Each request that reached the producer server {@code name}: method, path and the Authorization scheme (or -). */
    static List<String> requests(String name) throws IOException {
        Path log = DIR.resolve(name + ".requests");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Starts an HTTPS server on loopback with the server certificate {@code name}; its port. */
    private int producer(String name) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(p12(name)))) {
                keys.load(in, TestPki.PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, TestPki.PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            Path log = DIR.resolve(name + ".requests");
            server.createContext("/", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                synchronized (this) {
                    Files.writeString(log, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                                    + (authorization == null ? "-" : authorization.split(" ")[0]) + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().endsWith("/oauth2/token")) {
                    // A token endpoint (RFC 6749 §5.1) for Bolagsverket's: any client gets a token.
                    byte[] token = "{\"access_token\":\"revocation-test\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, token.length);
                    exchange.getResponseBody().write(token);
                } else {
                    exchange.sendResponseHeaders(503, -1);
                }
                exchange.close();
            });
            server.start();
            producers.add(server);
            return server.getAddress().getPort();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A producer's server certificate from the hard-fail CA, for localhost, with the CA's OCSP responder. */
    private void server(String name, String ocsp, boolean revoked) throws IOException, InterruptedException {
        issue(name, "hard", "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nauthorityInfoAccess=OCSP;URI:" + ocsp + "\n",
                "/C=SE/O=Producer test/CN=" + name, revoked);
    }

    static String p12(String leaf) {
        return DIR.resolve(leaf + ".p12").toString();
    }

    private static void ca(String name, String cn) throws IOException, InterruptedException {
        Path dir = DIR.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.cnf"), "[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\ncertificate=ca.crt\n"
                + "private_key=ca.key\ndefault_md=sha256\ndefault_crl_days=7\n");
        Files.writeString(dir.resolve("index.txt"), "");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.crt", "-subj", "/C=SE/O=Revocation test/CN=" + cn, "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private int serial = 0x1000;

    private void leaf(String name, String ca, String ocsp, String crl, boolean revoked) throws IOException, InterruptedException {
        StringBuilder ext = new StringBuilder("extendedKeyUsage=clientAuth\n");
        if (ocsp != null) {
            ext.append("authorityInfoAccess=OCSP;URI:").append(ocsp).append('\n');
        }
        if (crl != null) {
            ext.append("crlDistributionPoints=URI:").append(crl).append('\n');
        }
        issue(name, ca, ext.toString(), "/C=SE/O=Exempelby kommun/CN=Exempelby " + name + "/serialNumber=2120009010", revoked);
    }

    /** A certificate of {@code ca} with the given extensions, recorded in the CA's index as valid or revoked, as PKCS#12. */
    private void issue(String name, String ca, String extensions, String subject, boolean revoked) throws IOException, InterruptedException {
        Path dir = DIR.resolve(ca);
        Files.writeString(dir.resolve(name + ".ext"), "[v]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n" + extensions);
        openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", subject);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "0x" + Integer.toHexString(++serial),
                "-days", "30", "-extfile", name + ".ext", "-extensions", "v", "-out", name + ".crt");
        if (revoked) {
            openssl(dir, "ca", "-config", "ca.cnf", "-revoke", name + ".crt", "-crl_reason", "keyCompromise");
        } else {
            openssl(dir, "ca", "-config", "ca.cnf", "-valid", name + ".crt");
        }
        openssl(dir, "pkcs12", "-export", "-inkey", name + ".key", "-in", name + ".crt", "-certfile", "ca.crt", "-name", name,
                "-passout", "pass:" + TestPki.PASSWORD, "-out", "../" + name + ".p12");
    }

    private static Process responder(String ca, int port) throws IOException {
        Path dir = DIR.resolve(ca);
        // OpenSSL 3.0's responder takes a port number only (it listens on every interface); it is asked on loopback only.
        // A responder process keeps serving a kept-alive connection until it closes, as the JDK's keeps it: -multi lets
        // other responder processes take the new connections meanwhile.
        return new ProcessBuilder("openssl", "ocsp", "-index", "index.txt", "-port", Integer.toString(port), "-rsigner", "ca.crt",
                "-rkey", "ca.key", "-CA", "ca.crt", "-nmin", "5", "-ignore_err", "-multi", "4")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("ocsp.log").toFile()).start();
    }

    /** The dev PKI's trust store plus the three test CAs. */
    private static Path trustStore() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(TestPki.p12("truststore")))) {
                store.load(in, TestPki.PASSWORD.toCharArray());
            }
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (String ca : List.of("hard", "soft", "file")) {
                try (InputStream in = Files.newInputStream(DIR.resolve(ca).resolve("ca.crt"))) {
                    store.setCertificateEntry(ca, x509.generateCertificate(in));
                }
            }
            Path path = DIR.resolve("truststore.p12");
            try (OutputStream out = Files.newOutputStream(path)) {
                store.store(out, TestPki.PASSWORD.toCharArray());
            }
            return path;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitFor(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("the OCSP responder on port " + port + " did not start");
    }

    private static void clean() throws IOException {
        if (Files.exists(DIR)) {
            try (Stream<Path> files = Files.walk(DIR)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
