import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Collections;

/**
 * Keeps only the first N certificates of a key entry's chain in NAME.p12, and nothing else in the file: a client that then presents
 * it sends an incomplete chain (an intermediate CA left out), as a misconfigured platform would.
 * keytool always completes the chain up to the root, so it cannot make one. JDK only.
 *
 *   java tools/TrimChain.java DIR PASSWORD NAME N
 */
public class TrimChain {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).resolve(args[2] + ".p12");
        char[] password = args[1].toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        PrivateKey key = (PrivateKey) store.getKey(args[2], password);
        Certificate[] chain = store.getCertificateChain(args[2]);
        // PKCS#12 rebuilds a chain from every certificate in the file when it is loaded: the others must go.
        for (String alias : Collections.list(store.aliases())) {
            if (!alias.equals(args[2])) {
                store.deleteEntry(alias);
            }
        }
        store.setKeyEntry(args[2], key, password, Arrays.copyOf(chain, Integer.parseInt(args[3])));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }
}
