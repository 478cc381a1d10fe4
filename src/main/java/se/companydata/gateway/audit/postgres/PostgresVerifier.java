package se.companydata.gateway.audit.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeSet;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.ChainCheck;
import se.companydata.gateway.audit.chain.ChainHead;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.VerificationResult;

/**
 * Checks the PostgreSQL store writer by writer, with the same chain check as the journal: every row's
 * hash, the link to the row before, gap-free seq, a start where retention recorded it left off, the
 * row's seq column against the seq its record carries, and the end against the writer's newest anchor.
 * A writer that has anchors but no rows at all is named too.
 */
public final class PostgresVerifier {

    private PostgresVerifier() {
    }

    public static VerificationResult verify(Connection c, Map<String, AuditAnchor> newestAnchors) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            TreeSet<String> writers = new TreeSet<>(newestAnchors.keySet());
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT DISTINCT writer FROM audit_record UNION SELECT writer FROM audit_retention")) {
                while (rows.next()) {
                    writers.add(rows.getString(1));
                }
            }
            long records = 0;
            StringBuilder notes = new StringBuilder();
            for (String writer : writers) {
                ChainHead start = PostgresAuditStore.retainedHead(c, writer);
                AuditAnchor anchor = newestAnchors.get(writer);
                ChainCheck chain = new ChainCheck(start == null ? ChainHead.EMPTY : start, anchor);
                try (PreparedStatement select = c.prepareStatement("SELECT seq, line FROM audit_record WHERE writer = ? ORDER BY seq")) {
                    select.setFetchSize(1000);
                    select.setString(1, writer);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long seq = rows.getLong(1);
                            String where = "writer " + writer + ", row seq " + seq;
                            ChainLine line = ChainLine.parse(rows.getString(2));
                            if (line != null && line.seq() != seq) {
                                return new VerificationResult(false, records + chain.records(), writers.size(),
                                        where + ": holds the record of seq " + line.seq() + " (row altered or records reordered)");
                            }
                            String problem = chain.next(where, rows.getString(2), later -> false);
                            if (problem != null) {
                                return new VerificationResult(false, records + chain.records(), writers.size(), problem);
                            }
                        }
                    }
                }
                String cut = chain.finish("writer " + writer);
                if (cut != null) {
                    return new VerificationResult(false, records + chain.records(), writers.size(), cut);
                }
                records += chain.records();
                if (start != null) {
                    notes.append("; ").append(writer).append(" continues after seq ").append(start.seq()).append(" (retention)");
                }
                if (anchor != null) {
                    notes.append("; ").append(writer).append(chain.anchorChecked() ? " reaches its anchor of " : " anchor of ")
                            .append(anchor.time()).append(" (seq ").append(anchor.seq()).append(chain.anchorChecked() ? ")" : ") precedes the rows kept");
                }
            }
            return new VerificationResult(true, records, writers.size(), records + " records of " + writers.size() + " writer(s) verified" + notes);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }
}
