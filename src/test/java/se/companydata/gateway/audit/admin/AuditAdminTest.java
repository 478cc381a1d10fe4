package se.companydata.gateway.audit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.chain.AuditAnchor;
import se.companydata.gateway.audit.chain.ChainHead;
import se.companydata.gateway.audit.chain.VerificationResult;
import se.companydata.gateway.audit.journal.Journal;
import se.companydata.gateway.audit.journal.JournalVerifier;

/**
 * The operator's commands on a journal: verification against anchors taken from a log (a cut tail,
 * a whole newest file deleted, a forged anchor), the disclosure register and the report, retention.
 */
class AuditAdminTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run admin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditAdmin.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static AuditRecord record(int i, Instant time, String company, AuditRecord.OnBehalfOf onBehalfOf, AuditRecord.Outcome outcome) {
        List<AuditRecord.Withheld> withheld = outcome == AuditRecord.Outcome.PARTIAL
                ? List.of(new AuditRecord.Withheld("UD0029", "Skatteverket", "Timeout", "Skatteverket did not answer in time")) : List.of();
        return new AuditRecord(time, "tx-" + i, "2120009010", "SERVTILLSTBV", "1f", "CN=Test CA", company, null, onBehalfOf,
                "IndirektAteranvandning", null, List.of("UD0001", "UD0029"),
                outcome == AuditRecord.Outcome.REFUSED ? List.of() : List.of(new AuditRecord.Disclosed("UD0001", "Bolagsverket")),
                withheld, outcome, outcome == AuditRecord.Outcome.REFUSED ? 403 : 200, null, 10 + i);
    }

    /** A journal of {@code count} records in small files (a new file every ~4 records). */
    private Path journal(String name, int count, Instant from) throws Exception {
        Path journalDir = dir.resolve(name);
        Journal journal = new Journal(journalDir, 2048, Duration.ofHours(1), 1);
        for (int i = 0; i < count; i++) {
            AuditRecord r = record(i, from.plusSeconds(60L * i), i % 2 == 0 ? "5560000001" : "198112289874",
                    i % 3 == 0 ? new AuditRecord.OnBehalfOf("Personnummer", "197501139849", "Anna Annan") : null,
                    i % 5 == 4 ? AuditRecord.Outcome.PARTIAL : AuditRecord.Outcome.ANSWERED);
            journal.append(AuditReports.mapper().writeValueAsBytes(r)).get(5, TimeUnit.SECONDS);
        }
        journal.close();
        return journalDir;
    }

    private Path anchorLog(String writer, ChainHead head, KeyPair key) throws Exception {
        AuditAnchor anchor = AuditAnchor.sign(writer, head, Instant.now(), key.getPrivate(), key.getPublic());
        // As a JSON log line shipped off the pod: the anchor is the message inside it.
        Path log = dir.resolve("gateway.log");
        Files.writeString(log, "{\"level\":\"INFO\",\"loggerName\":\"gateway.audit.anchor\",\"message\":\"" + anchor.line() + "\"}\n");
        return log;
    }

    private static ChainHead headOf(Path journalDir) throws Exception {
        Journal reopened = new Journal(journalDir, 2048, Duration.ofHours(1), 1);
        reopened.close();
        return reopened.head();
    }

    @Test
    void aCutTailIsNamedAgainstTheNewestAnchorForTheCutLinesAndForAWholeDeletedFile() throws Exception {
        Path journalDir = journal("pod-0", 40, Instant.now().minus(Duration.ofHours(1)));
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path log = anchorLog("pod-0", headOf(journalDir), key);
        assertThat(admin("verify", "--journal", journalDir.toString(), "--anchors", log.toString()).exit()).isZero();

        List<Path> files = JournalVerifier.journalFiles(journalDir);
        Path newest = files.get(files.size() - 1);
        List<String> lines = Files.readAllLines(newest);
        Files.write(newest, lines.subList(0, lines.size() - 2));
        assertThat(admin("verify", "--journal", journalDir.toString()).exit()).as("the chain alone cannot tell").isZero();
        Run cut = admin("verify", "--journal", journalDir.toString(), "--anchors", log.toString());
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.out()).contains("records cut from the end: the trail ends at seq 38").contains("signed seq 40 (seq 39 to 40 are missing)");

        Files.delete(newest);
        Run fileGone = admin("verify", "--journal", journalDir.toString(), "--anchors", log.toString());
        assertThat(fileGone.exit()).isEqualTo(1);
        assertThat(fileGone.out()).contains("records cut from the end").contains("are missing");
    }

    @Test
    void anAnchorNotSignedByTheGatewaysKeyIsRejected() throws Exception {
        Path journalDir = journal("pod-0", 5, Instant.now());
        Path log = anchorLog("pod-0", headOf(journalDir), KeyPairGenerator.getInstance("EC").generateKeyPair());
        Run forged = admin("verify", "--journal", journalDir.toString(), "--anchors", log.toString(), "--signer", TestPki.DIR.resolve("server.crt").toString());
        assertThat(forged.exit()).isEqualTo(1);
        assertThat(forged.out()).contains("was not signed by the gateway's key");

        Files.writeString(log, Files.readString(log).replaceFirst("seq=5 ", "seq=4 "));
        Run altered = admin("verify", "--journal", journalDir.toString(), "--anchors", log.toString());
        assertThat(altered.out()).contains("is not validly signed");
    }

    @Test
    void theRegisterListsOneSubjectWithoutOtherPeopleAndTheReportCountsEveryConsumer() throws Exception {
        Path journalDir = journal("pod-0", 20, Instant.parse("2026-10-01T08:00:00Z"));
        Run register = admin("register", "--journal", journalDir.toString(), "--subject", "19811228-9874");
        assertThat(register.exit()).as(register.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(register.out());
        assertThat(json.path("subject").asText()).isEqualTo("198112289874");
        assertThat(json.path("entries").asInt()).isEqualTo(10);
        assertThat(register.out()).doesNotContain("197501139849").doesNotContain("Anna Annan").doesNotContain("5560000001");

        Run csv = admin("register", "--journal", journalDir.toString(), "--subject", "5560000001", "--format", "csv",
                "--from", "2026-10-01", "--to", "2026-10-01T08:10:00Z");
        assertThat(csv.out().split("\r\n")).as("header + tx-0, 2, 4, 6, 8").hasSize(6);
        assertThat(csv.out()).contains("UD0029 (Skatteverket: Timeout");

        assertThat(admin("register", "--journal", journalDir.toString(), "--subject", "55600").exit()).isEqualTo(1);

        Run report = admin("report", "--journal", journalDir.toString(), "--from", "2026-10-01", "--to", "2026-10-02");
        JsonNode consumer = new ObjectMapper().readTree(report.out()).path("consumers").get(0);
        assertThat(consumer.path("calls").asLong()).isEqualTo(20);
        assertThat(consumer.path("partial").asLong()).isEqualTo(4);
        assertThat(consumer.path("producers").path("Skatteverket").path("withError").asLong()).isEqualTo(4);
        assertThat(consumer.path("latency").path("p50").asLong()).isEqualTo(19);
        assertThat(consumer.path("latency").path("max").asLong()).isEqualTo(29);
        assertThat(consumer.path("series")).hasSize(1);
        assertThat(admin("report", "--journal", journalDir.toString(), "--from", "2026-10-01", "--to", "2026-10-02", "--format", "html").out())
                .contains("<svg").contains("polyline");
    }

    @Test
    void retentionExportsWholeOldFilesAndTheRestAndTheExportStillVerify() throws Exception {
        Path journalDir = journal("pod-0", 30, Instant.now().minus(Duration.ofDays(900)));
        Journal recent = new Journal(journalDir, 2048, Duration.ofHours(1), 1);
        AuditRecord now = record(99, Instant.now(), "5560000001", null, AuditRecord.Outcome.ANSWERED);
        recent.append(AuditReports.mapper().writeValueAsBytes(now)).get(5, TimeUnit.SECONDS);
        recent.close();
        Path export = dir.resolve("export");

        Run run = admin("retention", "--journal", journalDir.toString(), "--older-than", "P730D", "--export", export.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("retention: 30 records older than");
        VerificationResult rest = JournalVerifier.verify(journalDir);
        assertThat(rest.ok()).as(rest.message()).isTrue();
        assertThat(rest.records()).isEqualTo(1);
        List<Path> exported = new ArrayList<>();
        try (var files = Files.list(export)) {
            files.forEach(exported::add);
        }
        Path alone = Files.createDirectory(dir.resolve("alone"));
        for (Path file : exported) {
            Files.copy(file, alone.resolve(file.getFileName().toString().substring("pod-0-".length())));
        }
        VerificationResult archive = JournalVerifier.verify(alone);
        assertThat(archive.ok()).as(archive.message()).isTrue();
        assertThat(archive.records()).isEqualTo(30);
    }
}
