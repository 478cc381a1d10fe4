package se.companydata.gateway.audit.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.JournalFormat;

/**
 * A journal's records past the retention period are exported, then removed: whole files whose newest record is
 * older than the cut (never the file being written) are copied to the export directory, synced, compared and
 * deleted. An export is JSONL in the chain's own format, so it verifies on its own with {@link JournalVerifier}.
 */
public final class JournalRetention {

    /** What one run removed: per writer or journal file, the records, the seq range and the export file. */
    public record Removed(String writer, long records, long fromSeq, long toSeq, Path exportedTo) {
    }

    private JournalRetention() {
    }

    public static List<Removed> journal(Path directory, Instant cutBefore, Path exportDirectory) throws IOException {
        Files.createDirectories(exportDirectory);
        List<Path> files = JournalVerifier.journalFiles(directory);
        List<Removed> removed = new ArrayList<>();
        String writer = directory.toAbsolutePath().normalize().getFileName().toString();
        for (int i = 0; i < files.size() - 1; i++) {   // the newest file may still be written
            Path file = files.get(i);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            ChainLine first = ChainLine.parse(lines.get(0));
            ChainLine last = ChainLine.parse(lines.get(lines.size() - 1));
            if (first == null || last == null) {
                throw new IOException(file + " is damaged; run the verifier before retention");
            }
            Instant newest = JournalSource.time(JournalFormat.recordJson(last));
            if (newest == null || !newest.isBefore(cutBefore)) {
                break;   // files are in chain order: the rest are newer
            }
            Path target = exportDirectory.resolve(writer + "-" + file.getFileName());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            sync(target);
            if (Files.mismatch(file, target) != -1) {
                throw new IOException("the export " + target + " differs from " + file + "; nothing removed");
            }
            Files.delete(file);
            removed.add(new Removed(writer, lines.size(), first.seq(), last.seq(), target));
        }
        return removed;
    }

    /** Makes {@code file} durable (an export is synced before the original is removed). */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
