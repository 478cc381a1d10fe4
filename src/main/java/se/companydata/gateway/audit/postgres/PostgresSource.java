package se.companydata.gateway.audit.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import se.companydata.gateway.audit.AuditSource;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.JournalFormat;

/** Records read from the PostgreSQL store, found by the indexed columns (company, time). */
public final class PostgresSource implements AuditSource {

    /** Opens a connection (the gateway's pool, or the command's own). */
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;

    public PostgresSource(Connections connections) {
        this.connections = connections;
    }

    @Override
    public void read(String subject, Instant from, Instant to, Sink sink) throws Exception {
        String sql = "SELECT writer, seq, line FROM audit_record WHERE time >= ? AND time < ?"
                + (subject == null ? "" : " AND company = ?") + " ORDER BY writer, seq";
        try (Connection c = connections.open()) {
            // A cursor, not the whole period in memory: the driver streams only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(1000);
                select.setTimestamp(1, Timestamp.from(from));
                select.setTimestamp(2, Timestamp.from(to));
                if (subject != null) {
                    select.setString(3, subject);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ChainLine line = ChainLine.parse(rows.getString(3));
                        if (line != null) {
                            sink.accept(new Stored(rows.getString(1), rows.getLong(2), JournalFormat.recordJson(line)));
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }
}
