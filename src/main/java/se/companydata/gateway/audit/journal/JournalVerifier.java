package se.companydata.gateway.audit.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.ChainCheck;
import se.companydata.gateway.audit.chain.JournalFormat;
import se.companydata.gateway.audit.chain.VerificationResult;

/**
 * Checks an audit journal directory end to end: every record's own hash, the chain from record to
 * record across files, and gap-free sequence numbers. Reports the first record that was altered,
 * removed or reordered; given the newest anchor of its writer, records cut from its end too.
 * Needs only the JDK (run it as {@code audit verify --journal DIR}).
 */
public final class JournalVerifier {

    private JournalVerifier() {
    }

    public static VerificationResult verify(Path directory) throws IOException {
        return verify(directory, null);
    }

    /** @param anchor the newest anchor of this journal's writer (null: the end of the trail is not checked) */
    public static VerificationResult verify(Path directory, AuditAnchor anchor) throws IOException {
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
                    return new VerificationResult(false, chain.records(), files.size(), problem);
                }
            }
        }
        String cut = chain.finish("");
        if (cut != null) {
            return new VerificationResult(false, chain.records(), files.size(), cut);
        }
        if (chain.firstSeq() > 1) {
            note += "; the chain starts at seq " + chain.firstSeq() + " (earlier files archived)";
        }
        if (anchor != null) {
            note += chain.anchorChecked() ? "; ends at or after the anchor of " + anchor.time() + " (seq " + anchor.seq() + ")"
                    : "; the anchor of " + anchor.time() + " (seq " + anchor.seq() + ") precedes the records kept";
        }
        return new VerificationResult(true, chain.records(), files.size(), chain.records() + " records in " + files.size() + " file(s) verified" + note);
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

    public static List<Path> journalFiles(Path directory) throws IOException {
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
