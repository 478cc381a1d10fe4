package se.companydata.gateway;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/** Every log record of the test JVM while open: its text (with any stack trace), level, logger and transaction id. */
public final class LogCapture implements AutoCloseable {

    public record Line(String logger, Level level, String text, boolean hasStackTrace, Object transactionId) {
    }

    private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // Formatted now: the transaction id (MDC) is the publishing thread's.
            StringWriter text = new StringWriter().append(new SimpleFormatter().formatMessage(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            lines.add(new Line(record.getLoggerName(), record.getLevel(), text.toString(), record.getThrown() != null,
                    record instanceof ExtLogRecord ext ? ext.getMdc("transactionId") : null));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
