package se.companydata.gateway.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The journal's line format, shared by the writer and the verifier. JDK only, so the verifier runs
 * with nothing but the application jar on the class path.
 */
final class JournalFormat {

    static final String GENESIS = "0".repeat(64);
    static final String PREFIX = "audit-";
    static final String SUFFIX = ".jsonl";
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}: what follows the hashed part of a line. */
    static final int HASH_TAIL = 9 + 64 + 2;

    private JournalFormat() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
