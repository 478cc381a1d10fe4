package se.companydata.gateway.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.companydata.gateway.TestPki;

/** nginx (Debian package) serving one fixed JSON answer over the same mutual TLS, as the cached baseline. */
final class NginxProcess implements AutoCloseable {

    static final int PORT = 18444;

    private final Process process;
    private final Path prefix;

    private NginxProcess(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    static NginxProcess start(String body) throws Exception {
        return start(body, null);
    }

    /** {@code cpus}: a taskset CPU list nginx (master and workers) is confined to (null: anywhere). */
    static NginxProcess start(String body, String cpus) throws Exception {
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("not installed (apt-get install -y nginx); the comparison is skipped");
        }
        Path prefix = Path.of("target/bench/nginx").toAbsolutePath();
        Files.createDirectories(prefix.resolve("html"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("html/answer.json"), body);
        Path pki = TestPki.DIR.toAbsolutePath();
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes auto;
                daemon off;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %3$s/server.crt;
                        ssl_certificate_key %3$s/server.key;
                        ssl_client_certificate %3$s/ca.crt;
                        ssl_verify_client on;
                        keepalive_requests 100000;
                        root %1$s/html;
                        # Static files refuse POST (405); the error page answers it with the fixed body instead.
                        location = /api/v1/lookup { default_type application/json; error_page 405 =200 /answer.json; return 405; }
                        location = /answer.json { internal; default_type application/json; }
                    }
                }
                """.formatted(prefix, PORT, pki));
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(binary.toString(), "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", PORT)) {
                return new NginxProcess(process, prefix);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("nginx did not start; see " + prefix.resolve("logs"));
    }

    /** CPU time (user + system, seconds) of the master and its workers so far. */
    double cpuSeconds() throws IOException {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid == process.pid() || Long.parseLong(fields[1]) == process.pid()) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        }
        return ticks / 100.0;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
