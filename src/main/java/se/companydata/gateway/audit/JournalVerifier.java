package se.companydata.gateway.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks an audit journal directory end to end: every record's own hash, the chain from record to
 * record across files, and gap-free sequence numbers. Reports the first record that was altered,
 * removed or reordered; given the newest anchor of its writer, records cut from its end too.
 * Needs only the JDK:
 * <pre>java -cp target/quarkus-app/app/company-data-gateway-*.jar se.companydata.gateway.audit.JournalVerifier DIR [--anchors LOG]</pre>
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

    /**
     * The outcome: {@code ok}, how many records were checked, in how many files (journal) or writers (database),
     * and the first problem (or a note).
     */
    public record Result(boolean ok, long records, int files, String message) {
    }

    private JournalVerifier() {
    }

    /** {@code JournalVerifier DIR [--anchors FILE [--writer NAME] [--signer CERT.pem]...]}; exit 0 when the trail verifies. */
    public static void main(String[] args) throws IOException {
        AuditAdmin.main(Stream.concat(Stream.of("verify", "--journal"), Stream.of(args)).toArray(String[]::new));
    }

    public static Result verify(Path directory) throws IOException {
        return verify(directory, null);
    }

    /** @param anchor the newest anchor of this journal's writer (null: the end of the trail is not checked) */
    public static Result verify(Path directory, AuditAnchor anchor) throws IOException {
        List<Path> files = journalFiles(directory);
        ChainCheck chain = new ChainCheck(null, anchor);
        String note = "";
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            boolean lastFile = f == files.size() - 1;
            String[] lines = content.split("\n", -1);
            int fileIndex = f;
            for (int i = 0; i < lines.length; i++) {
                String text = lines[i];
                if (i == lines.length - 1) {
                    if (text.isEmpty()) {
                        break;
                    }
                    if (lastFile) {
                        note = "; the last line is incomplete (a record cut by a crash before it was acknowledged)";
                        break;
                    }
                }
                String problem = chain.next(file.getFileName() + ":" + (i + 1), text, seq -> appearsLater(files, fileIndex, seq));
                if (problem != null) {
                    return new Result(false, chain.records(), files.size(), problem);
                }
            }
        }
        String cut = chain.finish("");
        if (cut != null) {
            return new Result(false, chain.records(), files.size(), cut);
        }
        if (chain.firstSeq() > 1) {
            note += "; the chain starts at seq " + chain.firstSeq() + " (earlier files archived)";
        }
        if (anchor != null) {
            note += chain.anchorChecked() ? "; ends at or after the anchor of " + anchor.time() + " (seq " + anchor.seq() + ")"
                    : "; the anchor of " + anchor.time() + " (seq " + anchor.seq() + ") precedes the records kept";
        }
        return new Result(true, chain.records(), files.size(), chain.records() + " records in " + files.size() + " file(s) verified" + note);
    }

    private static boolean appearsLater(List<Path> files, int from, long seq) {
        String marker = "{\"seq\":" + seq + ",\"prev\"";
        for (int f = from; f < files.size(); f++) {
            try {
                if (Files.readString(files.get(f), StandardCharsets.UTF_8).contains(marker)) {
                    return true;
                }
            } catch (IOException e) {
                return false;
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
