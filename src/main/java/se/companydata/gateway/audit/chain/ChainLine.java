package se.companydata.gateway.audit.chain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chained record's chain fields, read from its line (a journal line or a database row's text). */
public record ChainLine(long seq, String prev, String hash, String hashedPart) {

    private static final Pattern HEAD = Pattern.compile("^\\{\"seq\":(\\d+),\"prev\":\"([0-9a-f]{64})\",\"record\":");
    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    /** The line's chain fields, or null for a text that is not a chained record. */
    public static ChainLine parse(String text) {
        if (text.length() <= JournalFormat.HASH_TAIL) {
            return null;
        }
        Matcher head = HEAD.matcher(text);
        Matcher tail = TAIL.matcher(text.substring(text.length() - JournalFormat.HASH_TAIL));
        if (!head.find() || !tail.find()) {
            return null;
        }
        return new ChainLine(Long.parseLong(head.group(1)), head.group(2), tail.group(1),
                text.substring(0, text.length() - JournalFormat.HASH_TAIL));
    }
}
