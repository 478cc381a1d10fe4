import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * Writes NAME.crt (certificate chain) and NAME.key (PKCS#8 private key) in PEM beside each NAME.p12,
 * so curl and other tools can use --cert/--key. JDK only: keytool cannot export private keys.
 *
 *   java tools/PemExport.java DIR PASSWORD NAME...
 */
public class PemExport {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        char[] password = args[1].toCharArray();
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
        for (int i = 2; i < args.length; i++) {
            String name = args[i];
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
                store.load(in, password);
            }
            Key key = store.getKey(name, password);
            StringBuilder chain = new StringBuilder();
            for (Certificate c : store.getCertificateChain(name)) {
                chain.append("-----BEGIN CERTIFICATE-----\n").append(pem.encodeToString(c.getEncoded())).append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(dir.resolve(name + ".crt"), chain);
            Files.writeString(dir.resolve(name + ".key"),
                    "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        }
    }
}
