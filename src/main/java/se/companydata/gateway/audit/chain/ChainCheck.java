package se.companydata.gateway.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.LongPredicate;

/**
 * Checks one writer's hash chain record by record, wherever the records are kept (journal files or
 * database rows): every record's own hash, the link to the record before, gap-free sequence numbers,
 * where the chain may start, and — given the newest anchor of the chain — that nothing was cut from
 * its end. Each check returns the first problem, or null.
 */
public final class ChainCheck {

    private final ChainHead start;
    private final AuditAnchor anchor;
    private long expectedSeq = -1;
    private String previousHash;
    private long records;
    private long firstSeq = -1;
    private boolean anchorSeen;

    /**
     * @param start  where the chain must start (the last record removed by a recorded retention run), or null
     *               where the store keeps no such record (journal files archived by hand: the chain may start anywhere)
     * @param anchor the newest anchor of this chain, or null
     */
    public ChainCheck(ChainHead start, AuditAnchor anchor) {
        this.start = start;
        this.anchor = anchor;
    }

    /**
     * @param where        how to name this record in a report
     * @param comesLater   whether a seq appears later in the trail (tells a reordering from a removal)
     */
    public String next(String where, String text, LongPredicate comesLater) {
        ChainLine line = ChainLine.parse(text);
        if (line == null) {
            return where + ": not a journal record (altered or damaged)";
        }
        String actual = HexFormat.of().formatHex(JournalFormat.sha256().digest(line.hashedPart().getBytes(StandardCharsets.UTF_8)));
        if (!actual.equals(line.hash())) {
            return where + " (seq " + line.seq() + "): record altered (its content does not match its hash)";
        }
        if (expectedSeq < 0 && start != null) {
            if (line.seq() != start.seq() + 1) {
                return where + ": record(s) removed at the start: the chain " + (start.seq() == 0 ? "starts at seq 1"
                        : "continues after seq " + start.seq() + " (the last record retention removed)") + ", but the first record is seq " + line.seq();
            }
            expectedSeq = line.seq();
            previousHash = start.hash();
        }
        if (expectedSeq >= 0 && line.seq() != expectedSeq) {
            String what = line.seq() < expectedSeq
                    ? "records reordered or duplicated: expected seq " + expectedSeq + ", found " + line.seq()
                    : comesLater.test(expectedSeq)
                    ? "records reordered: expected seq " + expectedSeq + ", found " + line.seq() + " (seq " + expectedSeq + " comes later)"
                    : "record(s) removed: expected seq " + expectedSeq + ", found " + line.seq();
            return where + ": " + what;
        }
        if (previousHash != null && !line.prev().equals(previousHash)) {
            return where + " (seq " + line.seq() + "): chain broken (it does not follow the record before it)";
        }
        if (anchor != null && line.seq() == anchor.seq()) {
            if (!line.hash().equals(anchor.hash())) {
                return where + " (seq " + line.seq() + "): differs from the record the anchor of " + anchor.time()
                        + " signed (replaced after it was anchored)";
            }
            anchorSeen = true;
        }
        if (firstSeq < 0) {
            firstSeq = line.seq();
        }
        previousHash = line.hash();
        expectedSeq = line.seq() + 1;
        records++;
        return null;
    }

    /** After the last record: whether the chain reaches its anchor. {@code chain} names it in the report ("" for none). */
    public String finish(String chain) {
        if (anchor == null || anchorSeen) {
            return null;
        }
        long last = records == 0 ? (start == null ? 0 : start.seq()) : expectedSeq - 1;
        if (last < anchor.seq()) {
            return (chain.isEmpty() ? "" : chain + ": ") + "records cut from the end: the trail ends at seq " + last + ", but the anchor of " + anchor.time()
                    + " signed seq " + anchor.seq() + " (seq " + (last + 1) + " to " + anchor.seq() + " are missing)";
        }
        // The anchored record lies before the first one kept: archived by retention, nothing to compare.
        return null;
    }

    public long records() {
        return records;
    }

    public long firstSeq() {
        return firstSeq;
    }

    public long lastSeq() {
        return records == 0 ? -1 : expectedSeq - 1;
    }

    public boolean anchorChecked() {
        return anchorSeen;
    }
}
