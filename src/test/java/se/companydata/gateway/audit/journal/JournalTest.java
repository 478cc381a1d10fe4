package se.companydata.gateway.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.companydata.gateway.audit.chain.VerificationResult;

class JournalTest {

    @TempDir
    Path dir;

    private static byte[] record(int i) {
        return ("{\"transactionId\":\"tx-" + i + "\",\"outcome\":\"ANSWERED\",\"note\":\"åäö \\\"quoted\\\"\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A journal in {@code dir} with {@code count} records, each durable before the next, then closed. */
    private void writeRecords(int count) throws Exception {
        Journal journal = new Journal(dir, 1 << 20, Duration.ofHours(1), 64);
        for (int i = 0; i < count; i++) {
            journal.append(record(i)).get(5, TimeUnit.SECONDS);
        }
        journal.close();
    }

    @Test
    void concurrentRecordsShareFsyncsAndFormOneVerifiableChainAcrossFiles() throws Exception {
        Journal journal = new Journal(dir, 16 * 1024, Duration.ofHours(1), 256);
        List<CompletableFuture<Void>> durable = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 2000; i++) {
            int n = i;
            pool.execute(() -> durable.add(journal.append(record(n))));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        journal.close();

        assertThat(journal.fsyncs()).as("group commit: fewer fsyncs than records").isLessThan(2000);
        VerificationResult result = JournalVerifier.verify(dir);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.records()).isEqualTo(2000);
        assertThat(result.files()).as("rotated by size").isGreaterThan(1);
    }

    @Test
    void aRestartContinuesTheChainAndCutsATornTail() throws Exception {
        writeRecords(10);
        Path last = JournalVerifier.journalFiles(dir).get(0);
        Files.writeString(last, "{\"seq\":11,\"prev\":\"abc", java.nio.file.StandardOpenOption.APPEND);   // a crash mid-write
        VerificationResult torn = JournalVerifier.verify(dir);
        assertThat(torn.ok()).as(torn.message()).isTrue();
        assertThat(torn.message()).contains("incomplete");

        Journal second = new Journal(dir, 1 << 20, Duration.ofHours(1), 64);
        second.append(record(10)).get(5, TimeUnit.SECONDS);
        second.close();
        VerificationResult result = JournalVerifier.verify(dir);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.records()).isEqualTo(11);
        assertThat(result.message()).doesNotContain("incomplete");
    }

    @Test
    void theVerifierNamesTheFirstAlteredRemovedOrReorderedRecord() throws Exception {
        writeRecords(20);
        Path file = JournalVerifier.journalFiles(dir).get(0);
        List<String> original = Files.readAllLines(file);

        List<String> altered = new ArrayList<>(original);
        altered.set(6, altered.get(6).replace("ANSWERED", "REFUSED"));
        Files.write(file, altered);
        assertThat(JournalVerifier.verify(dir).message()).isEqualTo(file.getFileName() + ":7 (seq 7): record altered (its content does not match its hash)");

        List<String> removed = new ArrayList<>(original);
        removed.remove(9);
        Files.write(file, removed);
        assertThat(JournalVerifier.verify(dir).message()).isEqualTo(file.getFileName() + ":10: record(s) removed: expected seq 10, found 11");

        List<String> reordered = new ArrayList<>(original);
        Collections.swap(reordered, 3, 4);
        Files.write(file, reordered);
        assertThat(JournalVerifier.verify(dir).message()).isEqualTo(file.getFileName() + ":4: records reordered: expected seq 4, found 5 (seq 4 comes later)");

        Files.write(file, original);
        assertThat(JournalVerifier.verify(dir).ok()).isTrue();
    }

    @Test
    void whenItCannotWriteTheRecordFailsAndTheJournalSaysSoUntilItCanAgain() throws Exception {
        Path journalDir = dir.resolve("journal");
        Journal journal = new Journal(journalDir, 1, Duration.ofHours(1), 64);   // 1 byte: every batch starts a new file
        journal.append(record(0)).get(5, TimeUnit.SECONDS);
        Path moved = dir.resolve("moved");
        Files.move(journalDir, moved);
        Files.writeString(journalDir, "not a directory");   // the volume is gone

        assertThatThrownBy(() -> journal.append(record(1)).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(journal.isWritable()).isFalse();

        Files.delete(journalDir);
        Files.move(moved, journalDir);
        journal.append(record(2)).get(5, TimeUnit.SECONDS);
        assertThat(journal.isWritable()).isTrue();
        journal.close();
        VerificationResult result = JournalVerifier.verify(journalDir);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.records()).as("the failed record never entered the chain").isEqualTo(2);
    }
}
