package se.companydata.gateway.security;

import java.util.regex.Pattern;

/**
 * What a caller may name as its e-service (tjänstenamn) in {@code X-Service-Name} or SSBTGU's
 * {@code ServiceNamn}: at most 255 characters (the contract's {@code s255}) of letters, digits, spaces and
 * {@code - _ . : / ( )}. Checked before the name reaches a decision, a log or the audit trail.
 */
public final class ServiceName {

    public static final int MAX_LENGTH = 255;
    /** How much of an invalid name the audit trail keeps: enough to recognise it, never a payload. */
    static final int RECORDED_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} ._:/()-]+");

    private ServiceName() {
    }

    /** Why the name cannot be a tjänstenamn, or null when it can. */
    public static String invalidBecause(String name) {
        if (name.length() > MAX_LENGTH) {
            return "the e-service name is " + name.length() + " characters; a tjänstenamn has at most " + MAX_LENGTH;
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "the e-service name may hold letters, digits, spaces and - _ . : / ( ) only";
        }
        return null;
    }

    /** The name as the audit trail keeps it: as given when valid, otherwise its first characters (others replaced) and its length. */
    public static String forRecord(String name) {
        if (name == null || invalidBecause(name) == null) {
            return name;
        }
        String head = name.substring(0, Math.min(RECORDED_LENGTH, name.length())).replaceAll("[^\\p{L}\\p{N} ._:/()-]", "?");
        return head + "… (invalid, " + name.length() + " characters)";
    }
}
