package se.companydata.gateway.audit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import se.companydata.gateway.PostgresServer;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.admin.AuditAdmin;
import se.companydata.gateway.audit.admin.AuditReports;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.ChainHead;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.JournalVerifier;
import se.companydata.gateway.audit.journal.JournalRetention;

/**
 * The PostgreSQL store against a real server: group commit, the chain per writer, the verifier naming
 * every kind of tampering, the roles' privileges, retention, and failing closed while the database is
 * down. Migrated with the same Flyway scripts the gateway runs at start.
 */
class PostgresAuditStoreTest {

    private static final String DATABASE = "audit_store_test";

    @TempDir
    Path export;

    private PostgresServer server;
    private PGSimpleDataSource writerRole;

    @BeforeEach
    void freshDatabase() throws Exception {
        server = PostgresServer.shared();
        String url = server.createDatabase(DATABASE);
        Flyway.configure().dataSource(url, PostgresServer.OWNER, PostgresServer.PASSWORD)
                .placeholders(Map.of("writer_role", PostgresServer.WRITER, "maintenance_role", PostgresServer.MAINTENANCE))
                .load().migrate();
        writerRole = new PGSimpleDataSource();
        writerRole.setUrl(url);
        writerRole.setUser(PostgresServer.WRITER);
        writerRole.setPassword(PostgresServer.PASSWORD);
        writerRole.setConnectTimeout(5);
        writerRole.setSocketTimeout(10);
    }

    static AuditRecord record(int i, Instant time) {
        return new AuditRecord(time, "tx-" + i, "2120009010", "SERVTILLSTBV", "1f", "CN=Test CA", "5560000001", null,
                null, "IndirektAteranvandning", null, List.of("UD0001"), List.of(new AuditRecord.Disclosed("UD0001", "Bolagsverket")),
                List.of(), AuditRecord.Outcome.ANSWERED, 200, null, 12);
    }

    private static byte[] json(AuditRecord r) throws Exception {
        return AuditReports.mapper().writeValueAsBytes(r);
    }

    private PostgresAuditStore store(String writer, AtomicInteger transactions) {
        return new PostgresAuditStore(writerRole, writer, 256, Duration.ofMillis(200), size -> transactions.incrementAndGet());
    }

    private void write(String writer, int count, Instant time) throws Exception {
        PostgresAuditStore store = store(writer, new AtomicInteger());
        for (int i = 0; i < count; i++) {
            AuditRecord r = record(i, time.plusSeconds(i));
            store.append(r, json(r)).get(10, TimeUnit.SECONDS);
        }
        store.close();
    }

    private VerificationResult verify(Map<String, AuditAnchor> anchors) throws SQLException {
        try (Connection c = server.as(PostgresServer.WRITER, DATABASE)) {
            return PostgresVerifier.verify(c, anchors);
        }
    }

    private void superuser(String sql) throws SQLException {
        try (Connection c = server.superuser(DATABASE); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void concurrentRecordsShareTransactionsAndEachWriterKeepsItsOwnChain() throws Exception {
        AtomicInteger transactions = new AtomicInteger();
        PostgresAuditStore a = store("pod-0", transactions);
        PostgresAuditStore b = store("pod-1", new AtomicInteger());
        List<CompletableFuture<Void>> durable = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 2000; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    AuditRecord r = record(n, Instant.now());
                    durable.add((n % 4 == 0 ? b : a).append(r, json(r)));
                } catch (Exception e) {
                    durable.add(CompletableFuture.failedFuture(e));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        a.close();
        b.close();

        assertThat(transactions.get()).as("group commit: fewer transactions than pod-0's 1500 records").isLessThan(1500);
        assertThat(a.head().seq()).isEqualTo(1500);
        assertThat(b.head().seq()).isEqualTo(500);
        VerificationResult result = verify(Map.of());
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.records()).isEqualTo(2000);
        assertThat(result.files()).as("writers").isEqualTo(2);

        // A restarted writer continues its own chain where the database says it ends.
        write("pod-0", 3, Instant.now());
        assertThat(verify(Map.of()).records()).isEqualTo(2003);
    }

    @Test
    void theVerifierNamesAlteredRemovedReorderedAndCutRecords() throws Exception {
        write("pod-0", 20, Instant.now());
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        ChainHead head;
        try (Connection c = server.as(PostgresServer.WRITER, DATABASE)) {
            head = PostgresAuditStore.readHead(c, "pod-0");
        }
        AuditAnchor anchor = AuditAnchor.sign("pod-0", head, Instant.now(), key.getPrivate(), key.getPublic());
        assertThat(verify(Map.of("pod-0", anchor)).ok()).isTrue();

        superuser("UPDATE audit_record SET line = replace(line, 'tx-7\"', 'tx-X\"') WHERE writer = 'pod-0' AND seq = 8");
        assertThat(verify(Map.of()).message()).isEqualTo("writer pod-0, row seq 8 (seq 8): record altered (its content does not match its hash)");
        superuser("UPDATE audit_record SET line = replace(line, 'tx-X\"', 'tx-7\"') WHERE writer = 'pod-0' AND seq = 8");

        superuser("CREATE TABLE kept AS SELECT * FROM audit_record");
        superuser("DELETE FROM audit_record WHERE seq = 10");
        assertThat(verify(Map.of()).message()).isEqualTo("writer pod-0, row seq 11: record(s) removed: expected seq 10, found 11");
        superuser("INSERT INTO audit_record SELECT * FROM kept WHERE seq = 10");

        superuser("UPDATE audit_record SET seq = -seq WHERE seq IN (4, 5)");
        superuser("UPDATE audit_record SET seq = 5 WHERE seq = -4; UPDATE audit_record SET seq = 4 WHERE seq = -5");
        assertThat(verify(Map.of()).message()).isEqualTo("writer pod-0, row seq 4: holds the record of seq 5 (row altered or records reordered)");
        superuser("DELETE FROM audit_record; INSERT INTO audit_record SELECT * FROM kept");

        // Cut from the end: the chain alone cannot tell, its anchor can.
        superuser("DELETE FROM audit_record WHERE seq > 17");
        assertThat(verify(Map.of()).ok()).as("without an anchor, a cut tail looks whole").isTrue();
        assertThat(verify(Map.of("pod-0", anchor)).message())
                .isEqualTo("writer pod-0: records cut from the end: the trail ends at seq 17, but the anchor of " + anchor.time()
                        + " signed seq 20 (seq 18 to 20 are missing)");
        superuser("DELETE FROM audit_record WHERE writer = 'pod-0'");
        assertThat(verify(Map.of("pod-0", anchor)).message()).as("a writer with an anchor and no rows at all")
                .startsWith("writer pod-0: records cut from the end: the trail ends at seq 0");
        superuser("INSERT INTO audit_record SELECT * FROM kept");

        // Removed at the start, without retention having recorded it.
        superuser("DELETE FROM audit_record WHERE seq <= 2");
        assertThat(verify(Map.of()).message()).isEqualTo("writer pod-0, row seq 3: record(s) removed at the start: the chain starts at seq 1, but the first record is seq 3");
    }

    @Test
    void theOperatorsCommandsWorkOnTheDatabase() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(800));
        write("pod-0", 4, old);
        write("pod-1", 2, Instant.now().minusSeconds(60));
        String asWriter = server.jdbcUrl(DATABASE) + "?user=" + PostgresServer.WRITER + "&password=" + PostgresServer.PASSWORD;
        String asMaintenance = server.jdbcUrl(DATABASE) + "?user=" + PostgresServer.MAINTENANCE + "&password=" + PostgresServer.PASSWORD;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(AuditAdmin.run(new String[] {"verify", "--jdbc", asWriter}, print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: 6 records of 2 writer(s) verified");
        out.reset();
        assertThat(AuditAdmin.run(new String[] {"register", "--jdbc", asWriter, "--subject", "556000-0001", "--format", "csv"}, print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\r\n")).as("header and six rows").hasSize(7);
        out.reset();
        assertThat(AuditAdmin.run(new String[] {"report", "--jdbc", asWriter, "--from", "2020-01-01"}, print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"calls\" : 6");
        out.reset();
        assertThat(AuditAdmin.run(new String[] {"retention", "--jdbc", asWriter, "--older-than", "P730D", "--export", export.toString()}, print, print))
                .as("the writer role may not remove").isEqualTo(1);
        assertThat(AuditAdmin.run(new String[] {"retention", "--jdbc", asMaintenance, "--older-than", "P730D", "--export", export.toString()}, print, print))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("retention: 4 records older than");
        out.reset();
        assertThat(AuditAdmin.run(new String[] {"verify", "--jdbc", asWriter}, print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: 2 records of 2 writer(s) verified; pod-0 continues after seq 4 (retention)");
    }

    @Test
    void onlyTheMaintenanceRoleMayRemoveAndNobodyMayRewrite() throws Exception {
        write("pod-0", 3, Instant.now());
        try (Connection c = server.as(PostgresServer.WRITER, DATABASE); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_record")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("UPDATE audit_record SET outcome = 'REFUSED'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("INSERT INTO audit_retention VALUES ('pod-0', 3, 'x', 3, now(), 'x')")).hasMessageContaining("permission denied");
        }
        try (Connection c = server.as(PostgresServer.MAINTENANCE, DATABASE); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE audit_record SET outcome = 'REFUSED'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("INSERT INTO audit_record SELECT * FROM audit_record")).hasMessageContaining("permission denied");
            c.setAutoCommit(false);
            assertThat(s.executeUpdate("DELETE FROM audit_record WHERE seq = 1")).isEqualTo(1);
            c.rollback();
        }
    }

    @Test
    void retentionExportsAVerifiableChainBeforeRemovingAndTheRestStillVerifies() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(800));
        write("pod-0", 10, old);
        write("pod-0", 5, Instant.now());
        List<JournalRetention.Removed> removed;
        try (Connection c = server.as(PostgresServer.MAINTENANCE, DATABASE)) {
            removed = PostgresRetention.run(c, Instant.now().minus(Duration.ofDays(730)), export);
        }
        assertThat(removed).singleElement().satisfies(r -> {
            assertThat(r.records()).isEqualTo(10);
            assertThat(r.toSeq()).isEqualTo(10);
        });
        Path exported = removed.get(0).exportedTo();
        assertThat(Files.readAllLines(exported, StandardCharsets.UTF_8)).hasSize(10);
        Path alone = Files.createDirectory(export.resolve("alone"));
        Files.copy(exported, alone.resolve("audit-000000000001.jsonl"));
        assertThat(JournalVerifier.verify(alone).ok()).as("the export verifies on its own").isTrue();

        VerificationResult rest = verify(Map.of());
        assertThat(rest.ok()).as(rest.message()).isTrue();
        assertThat(rest.records()).isEqualTo(5);
        assertThat(rest.message()).contains("pod-0 continues after seq 10 (retention)");
        // The writer continues after what retention removed.
        write("pod-0", 1, Instant.now());
        assertThat(verify(Map.of()).records()).isEqualTo(6);
    }

    @Test
    void aStoppedDatabaseFailsEveryRecordAndTheStoreRecoversByItselfWhenItReturns() throws Exception {
        PostgresAuditStore store = store("pod-0", new AtomicInteger());
        AuditRecord first = record(1, Instant.now());
        store.append(first, json(first)).get(10, TimeUnit.SECONDS);
        server.stop();
        try {
            AuditRecord lost = record(2, Instant.now());
            assertThatThrownBy(() -> store.append(lost, json(lost)).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(store.isWritable()).isFalse();
        } finally {
            server.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!store.isWritable() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(store.isWritable()).as("probed back to writable without a record arriving").isTrue();
        AuditRecord after = record(3, Instant.now());
        store.append(after, json(after)).get(10, TimeUnit.SECONDS);
        store.close();
        VerificationResult result = verify(Map.of());
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.records()).as("the failed record is not in the trail").isEqualTo(2);
    }
}
