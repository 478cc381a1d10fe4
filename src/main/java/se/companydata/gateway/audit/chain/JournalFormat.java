package se.companydata.gateway.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chained record format, shared by both stores and the verifier: a journal line and a database
 * row's {@code line} column are the same text,
 * <pre>{"seq":N,"prev":"&lt;hash of record N-1&gt;","record":{…},"hash":"&lt;SHA-256 of everything before ,"hash"&gt;"}</pre>
 * JDK only, so the journal verifier runs with nothing but the application jar on the class path.
 */
public final class JournalFormat {

    public static final String GENESIS = "0".repeat(64);
    public static final String PREFIX = "audit-";
    public static final String SUFFIX = ".jsonl";
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}: what follows the hashed part of a line. */
    public static final int HASH_TAIL = 9 + 64 + 2;
    private static final String RECORD_FIELD = ",\"record\":";

    /** One record chained after {@code prev}: its line (no newline) and its hash. */
    public record Link(long seq, String hash, byte[] line) {
    }

    private JournalFormat() {
    }

    public static Link link(long seq, String prev, byte[] recordJson) {
        byte[] head = ("{\"seq\":" + seq + ",\"prev\":\"" + prev + "\"" + RECORD_FIELD).getBytes(StandardCharsets.UTF_8);
        MessageDigest digest = sha256();
        digest.update(head);
        digest.update(recordJson);
        String hash = HexFormat.of().formatHex(digest.digest());
        ByteArrayOutputStream line = new ByteArrayOutputStream(head.length + recordJson.length + HASH_TAIL);
        line.writeBytes(head);
        line.writeBytes(recordJson);
        line.writeBytes((",\"hash\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8));
        return new Link(seq, hash, line.toByteArray());
    }

    /** The record's own JSON inside a parsed line. */
    public static String recordJson(ChainLine line) {
        String hashed = line.hashedPart();
        return hashed.substring(hashed.indexOf(RECORD_FIELD) + RECORD_FIELD.length());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
