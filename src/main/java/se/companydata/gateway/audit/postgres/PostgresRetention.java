package se.companydata.gateway.audit.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.JournalFormat;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.JournalRetention;
import se.companydata.gateway.audit.journal.JournalRetention.Removed;
import se.companydata.gateway.audit.journal.JournalVerifier;

/**
 * The database's records past the retention period, exported, then removed (as the maintenance role, the only one
 * that may DELETE): per writer, the rows up to its newest record older than the cut are written to one export
 * file in the journal's format, synced and verified on their own, then deleted in the same transaction that
 * records in {@code audit_retention} where the chain now starts.
 */
public final class PostgresRetention {

    private PostgresRetention() {
    }

    public static List<Removed> run(Connection c, Instant cutBefore, Path exportDirectory) throws SQLException, IOException {
        Files.createDirectories(exportDirectory);
        c.setAutoCommit(false);
        List<Removed> removed = new ArrayList<>();
        record Cut(String writer, long upTo) {
        }
        List<Cut> cuts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT writer, max(seq) FROM audit_record WHERE time < ? GROUP BY writer ORDER BY writer")) {
            s.setTimestamp(1, Timestamp.from(cutBefore));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    cuts.add(new Cut(rows.getString(1), rows.getLong(2)));
                }
            }
        }
        c.commit();
        for (Cut cut : cuts) {
            try {
                removed.add(removeWriter(c, cut.writer(), cut.upTo(), cutBefore, exportDirectory));
                c.commit();
            } catch (SQLException | IOException e) {
                c.rollback();
                throw e;
            }
        }
        return removed;
    }

    private static Removed removeWriter(Connection c, String writer, long upTo, Instant cutBefore, Path exportDirectory)
            throws SQLException, IOException {
        long first = -1;
        long count = 0;
        String lastHash = null;
        Path target = null;
        Path partial = null;
        try (PreparedStatement select = c.prepareStatement("SELECT seq, line FROM audit_record WHERE writer = ? AND seq <= ? ORDER BY seq")) {
            select.setFetchSize(1000);
            select.setString(1, writer);
            select.setLong(2, upTo);
            try (ResultSet rows = select.executeQuery()) {
                OutputStream out = null;
                try {
                    while (rows.next()) {
                        if (out == null) {
                            first = rows.getLong(1);
                            target = exportDirectory.resolve(String.format("%s-%s%012d-%012d%s", writer, JournalFormat.PREFIX, first, upTo,
                                    JournalFormat.SUFFIX));
                            partial = target.resolveSibling(target.getFileName() + ".partial");
                            out = Files.newOutputStream(partial);
                        }
                        String line = rows.getString(2);
                        ChainLine parsed = ChainLine.parse(line);
                        if (parsed == null || parsed.seq() != rows.getLong(1)) {
                            throw new IOException("writer " + writer + ", seq " + rows.getLong(1) + " is damaged; run the verifier before retention");
                        }
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        lastHash = parsed.hash();
                        count++;
                    }
                } finally {
                    if (out != null) {
                        out.close();
                    }
                }
            }
        }
        if (count == 0) {
            return new Removed(writer, 0, -1, -1, null);
        }
        JournalRetention.sync(partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        // The export must verify on its own before anything is removed.
        Path check = Files.createTempDirectory(exportDirectory, ".verify-");
        try {
            Files.createLink(check.resolve(JournalFormat.PREFIX + "000000000000" + JournalFormat.SUFFIX), target);
            VerificationResult result = JournalVerifier.verify(check);
            if (!result.ok() || result.records() != count) {
                throw new IOException("the export " + target + " does not verify (" + result.message() + "); nothing removed");
            }
        } finally {
            try (var files = Files.list(check)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(check);
        }
        try (PreparedStatement record = c.prepareStatement("INSERT INTO audit_retention (writer, up_to_seq, up_to_hash, removed, cut_before, exported_to) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement delete = c.prepareStatement("DELETE FROM audit_record WHERE writer = ? AND seq <= ?")) {
            record.setString(1, writer);
            record.setLong(2, upTo);
            record.setString(3, lastHash);
            record.setLong(4, count);
            record.setTimestamp(5, Timestamp.from(cutBefore));
            record.setString(6, target.getFileName().toString());
            record.executeUpdate();
            delete.setString(1, writer);
            delete.setLong(2, upTo);
            // Rows up to upTo never change (nobody may UPDATE; writers only append after their head), so the count must match.
            if (delete.executeUpdate() != count) {
                throw new SQLException("writer " + writer + ": the rows to remove changed during retention; nothing removed");
            }
        }
        return new Removed(writer, count, first, upTo, target);
    }

}
