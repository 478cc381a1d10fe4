package se.companydata.gateway.audit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A signed statement of a chain's head — "writer W had written seq N with hash H at time T" — kept
 * outside the writer's reach (the log stream operators ship elsewhere). A hash chain cannot show what
 * was cut from its end; checked against its newest anchor, it can. The line survives being embedded
 * in a JSON log record (no quotes, no backslashes, base64url):
 * <pre>AUDIT-ANCHOR writer=W seq=N hash=H time=T key=&lt;public key&gt; sig=&lt;signature&gt;</pre>
 */
public record AuditAnchor(String writer, long seq, String hash, Instant time, String publicKey, String signature) {

    public static final String MARKER = "AUDIT-ANCHOR";
    private static final Pattern LINE = Pattern.compile(MARKER + " writer=([A-Za-z0-9._-]+) seq=(\\d+) hash=([0-9a-f]{64}) "
            + "time=(\\S+?Z) key=([A-Za-z0-9_-]+) sig=([A-Za-z0-9_-]+)");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    public static AuditAnchor sign(String writer, ChainHead head, Instant time, PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm(key.getAlgorithm()));
        signer.initSign(key);
        signer.update(signed(writer, head.seq(), head.hash(), time));
        return new AuditAnchor(writer, head.seq(), head.hash(), time, B64.encodeToString(publicKey.getEncoded()),
                B64.encodeToString(signer.sign()));
    }

    public String line() {
        return MARKER + " writer=" + writer + " seq=" + seq + " hash=" + hash + " time=" + time + " key=" + publicKey + " sig=" + signature;
    }

    /** The key that signed it, if the signature holds. */
    public PublicKey verifiedKey() throws GeneralSecurityException {
        byte[] encoded = B64D.decode(publicKey);
        GeneralSecurityException last = null;
        for (String type : List.of("EC", "RSA")) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(encoded));
                Signature verifier = Signature.getInstance(algorithm(type));
                verifier.initVerify(key);
                verifier.update(signed(writer, seq, hash, time));
                if (verifier.verify(B64D.decode(signature))) {
                    return key;
                }
                throw new GeneralSecurityException("the anchor's signature does not match its content");
            } catch (InvalidKeySpecException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Whether this anchor's signature holds and, where signers are given, it was made by one of them. */
    public String problem(Collection<PublicKey> signers) {
        PublicKey key;
        try {
            key = verifiedKey();
        } catch (GeneralSecurityException e) {
            return "the anchor of " + time + " (seq " + seq + ") is not validly signed: " + e.getMessage();
        }
        if (!signers.isEmpty() && signers.stream().noneMatch(s -> Arrays.equals(s.getEncoded(), key.getEncoded()))) {
            return "the anchor of " + time + " (seq " + seq + ") was not signed by the gateway's key";
        }
        return null;
    }

    /** Every anchor in a text (a log file, a file of anchor lines), in order. */
    public static List<AuditAnchor> parse(Stream<String> lines) {
        List<AuditAnchor> anchors = new ArrayList<>();
        lines.forEach(text -> {
            Matcher m = LINE.matcher(text);
            while (m.find()) {
                anchors.add(new AuditAnchor(m.group(1), Long.parseLong(m.group(2)), m.group(3), Instant.parse(m.group(4)),
                        m.group(5), m.group(6)));
            }
        });
        return anchors;
    }

    public static List<AuditAnchor> read(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return parse(lines);
        }
    }

    private static byte[] signed(String writer, long seq, String hash, Instant time) {
        return (MARKER + "\n" + writer + "\n" + seq + "\n" + hash + "\n" + time).getBytes(StandardCharsets.UTF_8);
    }

    private static String algorithm(String keyType) {
        return switch (keyType) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("cannot sign anchors with a " + keyType + " key");
        };
    }
}
