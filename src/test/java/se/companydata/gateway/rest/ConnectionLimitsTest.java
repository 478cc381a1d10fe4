package se.companydata.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import se.companydata.gateway.LogCapture;
import se.companydata.gateway.SandboxTest;
import se.companydata.gateway.TestPki;

/**
 * What one connection may hold: a body that does not come, HTTP/2 streams and CONTINUATION frames, TLS
 * renegotiation, a body over the limit, Content-Length with Transfer-Encoding. Raw sockets, because each
 * probe is something a well-behaved client library would not send.
 */
@QuarkusTest
class ConnectionLimitsTest extends SandboxTest {

    private static final String HEADERS = "POST /api/v1/lookup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "X-Service-Name: " + SERVICE + "\r\n";

    @Test
    void aBodyThatDoesNotComeIsAnswered408AndTheConnectionClosed() throws Exception {
        try (SSLSocket socket = socket("http/1.1")) {
            socket.getOutputStream().write((HEADERS + "Content-Length: 100\r\n\r\n{\"identity\":").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(15_000);   // the test profile's body timeout is 2 s
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
            assertThat(answer).as("closed after the answer").endsWith("<EOF>");
        }
    }

    @Test
    void clientInitiatedRenegotiationIsRefused() throws Exception {
        try (SSLSocket socket = socket("http/1.1")) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThatThrownBy(() -> {
                socket.startHandshake();   // on an established TLS 1.2 session: a renegotiation
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/v1/connection HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(10_000);
                String answer = readAll(socket.getInputStream());
                if (!answer.endsWith("<EOF>") || answer.startsWith("HTTP/1.1 200")) {
                    return;   // answered after renegotiating: the assertion below fails
                }
                throw new SSLException("closed without an answer: " + answer);
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void http2AnnouncesItsStreamLimitAndEndsAFloodOfEmptyContinuationFrames() throws Exception {
        try (SSLSocket socket = socket("h2")) {
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(frame(4, 0, 0, new byte[0]));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.setSoTimeout(10_000);
            long maxConcurrentStreams = -1;
            byte[] settings = readFrame(in, 4);
            for (int i = 0; i + 6 <= settings.length; i += 6) {
                int id = ((settings[i] & 0xff) << 8) | (settings[i + 1] & 0xff);
                long value = ((long) (settings[i + 2] & 0xff) << 24) | ((settings[i + 3] & 0xff) << 16) | ((settings[i + 4] & 0xff) << 8)
                        | (settings[i + 5] & 0xff);
                if (id == 0x3) {
                    maxConcurrentStreams = value;
                }
            }
            assertThat(maxConcurrentStreams).as("SETTINGS_MAX_CONCURRENT_STREAMS").isEqualTo(250);

            // HEADERS without END_HEADERS, then empty CONTINUATION frames that never end the header block.
            out.write(frame(1, 0x1, 1, new byte[] {(byte) 0x82, (byte) 0x87}));
            boolean ended = false;
            try {
                for (int i = 0; i < 10_000; i++) {
                    out.write(frame(9, 0, 1, new byte[0]));
                }
                out.flush();
                while (true) {
                    int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                    int type = in.readUnsignedByte();
                    in.skipNBytes(5L + length);
                    if (type == 7) {   // GOAWAY
                        ended = true;
                        break;
                    }
                }
            } catch (IOException closed) {
                ended = !(closed instanceof SocketTimeoutException);
            }
            assertThat(ended).as("the connection ended (GOAWAY or closed) by the server").isTrue();
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndOneLogLine() throws Exception {
        List<LogCapture.Line> logged;
        try (LogCapture capture = new LogCapture(); SSLSocket socket = socket("http/1.1")) {
            OutputStream out = socket.getOutputStream();
            out.write((HEADERS + "Transfer-Encoding: chunked\r\n\r\nd\r\n{\"identity\":\"\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "1".repeat(65_536).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 6; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedWhileSending) {
                // the server may close as soon as the limit is passed
            }
            socket.setSoTimeout(10_000);
            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 413");
            Thread.sleep(500);   // the request's own failure is logged after the answer
            logged = capture.lines();
        }
        assertThat(logged).as("no stack trace for a caller's oversized body: %s", logged.stream()
                        .map(line -> line.logger() + " " + line.level() + " " + line.text()).toList())
                .noneMatch(line -> line.hasStackTrace() && line.level().intValue() >= Level.INFO.intValue());
    }

    @Test
    void contentLengthWithTransferEncodingClosesTheConnection() throws Exception {
        try (SSLSocket socket = socket("http/1.1")) {
            String body = "{\"identity\":\"5595267773\",\"items\":[\"UD0001\"]}";
            String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
            socket.getOutputStream().write((HEADERS + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(15_000);
            String answer = readAll(socket.getInputStream());
            assertThat(answer).as("the message is read by its Transfer-Encoding alone, then the connection is closed (RFC 9112 6.3)")
                    .endsWith("<EOF>");
        }
    }

    private SSLSocket socket(String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) TestPki.sslContext(CONSUMER).getSocketFactory().createSocket("localhost", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {protocol});
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (stream >>> 24);
        frame[6] = (byte) (stream >>> 16);
        frame[7] = (byte) (stream >>> 8);
        frame[8] = (byte) stream;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    /** The payload of the next frame of this type (others skipped). */
    private static byte[] readFrame(DataInputStream in, int wanted) throws IOException {
        while (true) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            in.skipNBytes(5);
            byte[] payload = in.readNBytes(length);
            if (type == wanted) {
                return payload;
            }
        }
    }

    /** Everything until the server closes ({@code <EOF>} appended) or goes quiet (nothing appended). */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
            }
            return read.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
        } catch (SocketTimeoutException quiet) {
            return read.toString(StandardCharsets.ISO_8859_1);
        } catch (SSLException | SocketException closed) {
            return read.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
        }
    }
}
