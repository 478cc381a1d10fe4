package se.companydata.gateway.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks an audit journal directory end to end: every record's own hash, the chain from record to
 * record across files, and gap-free sequence numbers. Reports the first record that was altered,
 * removed or reordered. Needs only the JDK:
 * <pre>java -cp target/quarkus-app/app/company-data-gateway-*.jar se.companydata.gateway.audit.JournalVerifier DIR</pre>
 */
public final class JournalVerifier {

    private static final Pattern HEAD = Pattern.compile("^\\{\"seq\":(\\d+),\"prev\":\"([0-9a-f]{64})\",\"record\":");
    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    /** A journal line's chain fields. */
    public record Line(long seq, String prev, String hash, String hashedPart) {

        public static Line parse(String text) {
            if (text.length() <= JournalFormat.HASH_TAIL) {
                return null;
            }
            Matcher head = HEAD.matcher(text);
            Matcher tail = TAIL.matcher(text.substring(text.length() - JournalFormat.HASH_TAIL));
            if (!head.find() || !tail.find()) {
                return null;
            }
            return new Line(Long.parseLong(head.group(1)), head.group(2), tail.group(1),
                    text.substring(0, text.length() - JournalFormat.HASH_TAIL));
        }
    }

    /** The outcome: {@code ok}, how many records were checked, and the first problem (or a note). */
    public record Result(boolean ok, long records, int files, String message) {
    }

    private JournalVerifier() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JournalVerifier <journal directory>");
            System.exit(2);
        }
        Result result = verify(Path.of(args[0]));
        System.out.println((result.ok() ? "OK: " : "FAILED: ") + result.message());
        System.exit(result.ok() ? 0 : 1);
    }

    public static Result verify(Path directory) throws IOException {
        List<Path> files = journalFiles(directory);
        long expectedSeq = -1;
        String previousHash = null;
        long records = 0;
        String note = "";
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            byte[] bytes = Files.readAllBytes(file);
            String content = new String(bytes, StandardCharsets.UTF_8);
            boolean lastFile = f == files.size() - 1;
            String[] lines = content.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String text = lines[i];
                boolean lastPiece = i == lines.length - 1;
                if (lastPiece) {
                    if (text.isEmpty()) {
                        break;
                    }
                    if (lastFile) {
                        note = "; the last line is incomplete (a record cut by a crash before it was acknowledged)";
                        break;
                    }
                }
                String where = file.getFileName() + ":" + (i + 1);
                Line line = Line.parse(text);
                if (line == null) {
                    return new Result(false, records, files.size(), where + ": not a journal record (altered or damaged)");
                }
                MessageDigest digest = JournalFormat.sha256();
                String actual = HexFormat.of().formatHex(digest.digest(line.hashedPart().getBytes(StandardCharsets.UTF_8)));
                if (!actual.equals(line.hash())) {
                    return new Result(false, records, files.size(), where + " (seq " + line.seq() + "): record altered (its content does not match its hash)");
                }
                if (expectedSeq >= 0 && line.seq() != expectedSeq) {
                    String what = line.seq() < expectedSeq
                            ? "records reordered or duplicated: expected seq " + expectedSeq + ", found " + line.seq()
                            : appearsLater(files, f, expectedSeq)
                            ? "records reordered: expected seq " + expectedSeq + ", found " + line.seq() + " (seq " + expectedSeq + " comes later)"
                            : "record(s) removed: expected seq " + expectedSeq + ", found " + line.seq();
                    return new Result(false, records, files.size(), where + ": " + what);
                }
                if (previousHash != null && !line.prev().equals(previousHash)) {
                    return new Result(false, records, files.size(), where + " (seq " + line.seq()
                            + "): chain broken (it does not follow the record before it)");
                }
                if (previousHash == null && line.seq() != 1) {
                    note += "; the chain starts at seq " + line.seq() + " (earlier files archived)";
                }
                previousHash = line.hash();
                expectedSeq = line.seq() + 1;
                records++;
            }
        }
        return new Result(true, records, files.size(), records + " records in " + files.size() + " file(s) verified" + note);
    }

    private static boolean appearsLater(List<Path> files, int from, long seq) throws IOException {
        String marker = "{\"seq\":" + seq + ",\"prev\"";
        for (int f = from; f < files.size(); f++) {
            if (Files.readString(files.get(f), StandardCharsets.UTF_8).contains(marker)) {
                return true;
            }
        }
        return false;
    }

    static List<Path> journalFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(JournalFormat.PREFIX)
                            && p.getFileName().toString().endsWith(JournalFormat.SUFFIX))
                    .sorted().toList();
        }
    }
}
