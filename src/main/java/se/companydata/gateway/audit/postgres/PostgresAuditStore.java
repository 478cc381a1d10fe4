package se.companydata.gateway.audit.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.GroupCommitWriter;
import se.companydata.gateway.audit.chain.ChainHead;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.JournalFormat;

/**
 * The shared audit store: one PostgreSQL table for every replica, one hash chain per writer (pod).
 * Like the journal, one writer thread takes whatever records are waiting and makes them durable
 * together — here in one transaction (group commit); a record's future completes only after COMMIT
 * returned (synchronous_commit: the WAL is flushed). On a failure the batch fails (nothing is disclosed),
 * the connection is dropped, and the chain's head is read back from the database before the next write,
 * so a commit whose acknowledgement was lost cannot fork the chain. While the store is unwritable and
 * idle it is probed, so readiness returns by itself when the database does.
 */
public final class PostgresAuditStore extends GroupCommitWriter {

    private static final Logger LOG = Logger.getLogger(PostgresAuditStore.class);
    public static final String INSERT = "INSERT INTO audit_record (writer, seq, time, company, on_behalf_of, caller, service, outcome, line) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String HEAD = "SELECT line FROM audit_record WHERE writer = ? ORDER BY seq DESC LIMIT 1";
    public static final String RETAINED_HEAD = "SELECT up_to_seq, up_to_hash FROM audit_retention WHERE writer = ? ORDER BY up_to_seq DESC LIMIT 1";

    private final DataSource dataSource;
    private final String writer;
    private final long probeIntervalNanos;
    private final IntConsumer onBatch;

    // The writer thread's own.
    private Connection connection;
    private PreparedStatement insert;
    private long lastProbe;

    public PostgresAuditStore(DataSource dataSource, String writer, int maxBatch, Duration probeInterval, IntConsumer onBatch) {
        super("audit-postgresql-writer", maxBatch);
        this.dataSource = dataSource;
        this.writer = writer;
        this.probeIntervalNanos = probeInterval.toNanos();
        this.onBatch = onBatch;
        startWriter();
    }

    @Override
    protected void beforeFirst() {
        try {
            connect();
        } catch (SQLException e) {
            unwritable(e);
        }
    }

    /** While unwritable and idle: probe, so readiness returns by itself when the database does. */
    @Override
    protected void idle() {
        if (!writable && System.nanoTime() - lastProbe > probeIntervalNanos) {
            probe();
        }
    }

    @Override
    protected void afterLast() {
        disconnect();
    }

    @Override
    protected void failed(Throwable e) {
        unwritable(new SQLException(e));
        disconnect();
    }

    @Override
    protected void write(List<Pending> batch) {
        try {
            if (connection == null) {
                connect();
            }
            long seq = head.seq();
            String hash = head.hash();
            for (Pending p : batch) {
                JournalFormat.Link link = JournalFormat.link(++seq, hash, p.json());
                hash = link.hash();
                AuditRecord r = p.record();
                insert.setString(1, writer);
                insert.setLong(2, seq);
                insert.setTimestamp(3, Timestamp.from(r.time()));
                insert.setString(4, r.company());
                insert.setString(5, r.onBehalfOf() == null ? null : r.onBehalfOf().number());
                insert.setString(6, r.callerOrganisationsnummer());
                insert.setString(7, r.tjanstenamn());
                insert.setString(8, r.outcome().name());
                insert.setString(9, new String(link.line(), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
            head = new ChainHead(seq, hash);
            onBatch.accept(batch.size());
            if (!writable) {
                LOG.infof("Audit store writable again (writer %s continues at seq %d)", writer, seq);
            }
            writable = true;
            batch.forEach(p -> p.durable().complete(null));
        } catch (SQLException e) {
            unwritable(e);
            disconnect();
            batch.forEach(p -> p.durable().completeExceptionally(e));
        }
    }

    /** Opens the writer's connection and reads back its chain's head (a lost acknowledgement may have committed more). */
    private void connect() throws SQLException {
        disconnect();
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            head = readHead(c, writer);
            c.commit();
            insert = c.prepareStatement(INSERT);
            connection = c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    public static ChainHead readHead(Connection c, String writer) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(HEAD)) {
            select.setString(1, writer);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    ChainLine line = ChainLine.parse(rows.getString(1));
                    if (line == null) {
                        throw new SQLException("the newest audit record of writer " + writer + " is malformed; run the verifier");
                    }
                    return new ChainHead(line.seq(), line.hash());
                }
            }
        }
        ChainHead retained = retainedHead(c, writer);
        return retained == null ? ChainHead.EMPTY : retained;
    }

    /** Where retention left the chain (its last removed record), or null if it never ran for this writer. */
    public static ChainHead retainedHead(Connection c, String writer) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(RETAINED_HEAD)) {
            select.setString(1, writer);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new ChainHead(rows.getLong(1), rows.getString(2)) : null;
            }
        }
    }

    private void probe() {
        lastProbe = System.nanoTime();
        try {
            connect();
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
            connection.commit();
            LOG.infof("Audit store reachable again (writer %s at seq %d)", writer, head.seq());
            writable = true;
        } catch (SQLException e) {
            disconnect();
        }
    }

    private void unwritable(SQLException e) {
        if (writable) {
            LOG.errorf("AUDIT STORE CANNOT WRITE (PostgreSQL: %s): answers are refused (503) until it can", e.getMessage());
        }
        writable = false;
        lastProbe = System.nanoTime();
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; closing it is all that is left
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the audit store connection failed", e);
            }
            connection = null;
            insert = null;
        }
    }
}
