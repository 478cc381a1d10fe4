package se.companydata.gateway.audit.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;
import se.companydata.gateway.audit.GroupCommitWriter;
import se.companydata.gateway.audit.chain.ChainHead;
import se.companydata.gateway.audit.chain.ChainLine;
import se.companydata.gateway.audit.chain.JournalFormat;

/**
 * An append-only journal of JSON lines, each chained to the one before by SHA-256:
 * <pre>{"seq":N,"prev":"&lt;hash of line N-1&gt;","record":{…},"hash":"&lt;SHA-256 of everything before ,"hash"&gt;"}</pre>
 * One writer thread takes whatever records are waiting, writes them, and makes them durable with
 * a single fsync (group commit); a record's future completes only after that fsync. Files rotate
 * by size or age and the chain continues across them. {@link JournalVerifier} checks it all.
 */
public final class Journal extends GroupCommitWriter {

    private static final Logger LOG = Logger.getLogger(Journal.class);

    private final IntConsumer onBatch;
    private final Path directory;
    private final long maxFileBytes;
    private final long maxFileAgeNanos;
    private final AtomicLong fsyncs = new AtomicLong();

    // Written by the writer thread only (and by the constructor before it starts).
    private long seq;
    private String lastHash = JournalFormat.GENESIS;
    private FileChannel channel;
    private long fileBytes;
    private long fileOpenedAt;

    public Journal(Path directory, long maxFileBytes, Duration maxFileAge, int maxBatch) throws IOException {
        this(directory, maxFileBytes, maxFileAge, maxBatch, size -> { });
    }

    /** @param onBatch told the size of every batch made durable under one fsync */
    public Journal(Path directory, long maxFileBytes, Duration maxFileAge, int maxBatch, IntConsumer onBatch)
            throws IOException {
        super("audit-journal-writer", maxBatch);
        this.onBatch = onBatch;
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
        this.maxFileAgeNanos = maxFileAge.toNanos();
        Files.createDirectories(directory);
        recover();
        startWriter();
    }

    /** Queues a record (its JSON); the future completes when it is durable, or fails if it cannot be. */
    public CompletableFuture<Void> append(byte[] recordJson) {
        return append(null, recordJson);
    }

    /** How many fsyncs made records durable (group commit makes this far fewer than the records). */
    public long fsyncs() {
        return fsyncs.get();
    }

    @Override
    protected void afterLast() {
        closeChannel();
    }

    @Override
    protected void write(List<Pending> batch) {
        long nextSeq = seq;
        String hash = lastHash;
        ByteArrayOutputStream lines = new ByteArrayOutputStream(batch.size() * 512);
        for (Pending p : batch) {
            JournalFormat.Link link = JournalFormat.link(++nextSeq, hash, p.json());
            hash = link.hash();
            lines.writeBytes(link.line());
            lines.write('\n');
        }
        try {
            if (channel == null || fileBytes >= maxFileBytes || System.nanoTime() - fileOpenedAt >= maxFileAgeNanos) {
                rotate(seq + 1);
            }
            ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            fsyncs.incrementAndGet();
            onBatch.accept(batch.size());
            fileBytes += lines.size();
            seq = nextSeq;
            lastHash = hash;
            head = new ChainHead(seq, hash);
            writable = true;
            batch.forEach(p -> p.durable().complete(null));
        } catch (IOException e) {
            if (writable) {
                LOG.errorf(e, "AUDIT JOURNAL CANNOT WRITE to %s: answers are refused (503) until it can", directory);
            }
            writable = false;
            // The file may hold part of this batch: start a new one next time, the chain resuming from the last durable record.
            closeChannel();
            batch.forEach(p -> p.durable().completeExceptionally(e));
        }
    }

    private void rotate(long firstSeq) throws IOException {
        closeChannel();
        Path file = directory.resolve(String.format("%s%012d%s", JournalFormat.PREFIX, firstSeq, JournalFormat.SUFFIX));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        fileBytes = channel.size();
        fileOpenedAt = System.nanoTime();
        // The new file's directory entry must be durable too.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Closing an audit journal file failed", e);
            }
            channel = null;
        }
    }

    /**
     * Continues the chain after the last complete record; a torn last line (never acknowledged) is cut off.
     * Only the end of the newest file is read: reading whole journal files (tens of MB) through a channel
     * left the JDK caching a direct buffer that size for the life of the process.
     */
    private void recover() throws IOException {
        List<Path> files = JournalVerifier.journalFiles(directory);
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = c.size();
                long end = afterLastNewline(c, size);
                if (end < size) {
                    LOG.warnf("Audit journal %s ends with %d bytes of an incomplete record (cut by a crash before it was "
                            + "acknowledged); removing them", file, size - end);
                    c.truncate(end);
                    c.force(true);
                }
                if (end == 0) {
                    continue;
                }
                long start = afterLastNewline(c, end - 1);
                ByteBuffer line = ByteBuffer.allocate((int) (end - 1 - start));
                while (line.hasRemaining() && c.read(line, start + line.position()) >= 0) {
                    // read until the buffer is full
                }
                ChainLine last = ChainLine.parse(new String(line.array(), StandardCharsets.UTF_8));
                if (last == null) {
                    throw new IOException("The last record of " + file + " is malformed; run the verifier before starting");
                }
                seq = last.seq();
                lastHash = last.hash();
                head = new ChainHead(seq, lastHash);
                return;
            }
        }
    }

    /** The position just after the last newline before {@code limit} (0 if there is none), reading backwards 64 KiB at a time. */
    private static long afterLastNewline(FileChannel channel, long limit) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long end = limit;
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) >= 0) {
                // read until the chunk is full
            }
            for (int k = chunk.position() - 1; k >= 0; k--) {
                if (chunk.get(k) == '\n') {
                    return from + k + 1;
                }
            }
            end = from;
        }
        return 0;
    }
}
