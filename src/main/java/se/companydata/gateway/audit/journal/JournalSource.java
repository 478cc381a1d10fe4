package se.companydata.gateway.audit.journal;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.AuditSource;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.JournalFormat;

/** Records read from journal directories (one per writer: a pod's volume), file by file. */
public final class JournalSource implements AuditSource {

    /** A record's JSON begins with its time (the first component of {@link AuditRecord}). */
    private static final Pattern TIME = Pattern.compile("^\\{\"time\":\"([^\"]+)\"");

    private final List<Path> directories;

    public JournalSource(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    @Override
    public void read(String subject, Instant from, Instant to, Sink sink) throws Exception {
        // The company as the record's JSON writes it: lines about others are skipped without being parsed.
        String about = subject == null ? null : "\"company\":\"" + subject + "\"";
        for (Path directory : directories) {
            String writer = directory.toAbsolutePath().normalize().getFileName().toString();
            for (Path file : JournalVerifier.journalFiles(directory)) {
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                        if (about != null && !text.contains(about)) {
                            continue;
                        }
                        ChainLine line = ChainLine.parse(text);
                        if (line == null) {
                            continue;   // a torn last line; the verifier reports anything else
                        }
                        String json = JournalFormat.recordJson(line);
                        Instant time = time(json);
                        if (time != null && !time.isBefore(from) && time.isBefore(to)) {
                            sink.accept(new Stored(writer, line.seq(), json));
                        }
                    }
                }
            }
        }
    }

    public static Instant time(String recordJson) {
        Matcher m = TIME.matcher(recordJson);
        return m.find() ? Instant.parse(m.group(1)) : null;
    }
}
