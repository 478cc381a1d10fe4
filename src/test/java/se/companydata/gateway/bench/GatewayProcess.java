package se.companydata.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.companydata.gateway.TestPki;

/** A freshly started packaged gateway (with its sandbox) on loopback, for one scenario or an end-to-end test. */
public final class GatewayProcess implements AutoCloseable {

    static final int API = 18443;
    static final int MANAGEMENT = 19000;
    /**
     * The pod's JVM (deploy/base/statefulset.yaml): 40 % of a 512 Mi limit as heap, and the serial collector the JVM
     * picks by itself in a container that small (on this 24 GiB machine it would pick G1, whose own structures
     * added some 40 MB of RSS); no large temporary direct buffers kept per thread.
     */
    static final List<String> POD_JVM = List.of("-Xmx200m", "-XX:+UseSerialGC", "-Djdk.nio.maxCachedBufferSize=262144");

    private final Process process;
    /** From the process's start until it reported ready (started, primed). */
    long readyAfterMillis;
    private final int api;
    private final int management;
    private final HttpClient admin = HttpClient.newBuilder().sslContext(TestPki.sslContext("consumer-exempelby")).build();

    private GatewayProcess(Process process, int api, int management) {
        this.process = process;
        this.api = api;
        this.management = management;
    }

    static GatewayProcess start(String name, List<String> properties) throws Exception {
        return start(name, API, MANAGEMENT, null, properties);
    }

    /** {@code cpus}: a taskset CPU list the process is confined to (null: anywhere). */
    public static GatewayProcess start(String name, int api, int management, String cpus, List<String> properties) throws Exception {
        return start(name, api, management, cpus, properties, Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.of());
    }

    /** As above, on the given {@code java} with extra JVM options (another JDK, an AOT cache). */
    static GatewayProcess start(String name, int api, int management, String cpus, List<String> properties, String java,
                                List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(POD_JVM);
        // GC log per gateway, to tell a collector's pause from other stalls in a step's tail.
        command.add("-Xlog:gc:file=target/bench/gc-" + name + ".log");
        command.addAll(List.of(
                "-Dquarkus.profile=dev", "-Dquarkus.http.ssl-port=" + api, "-Dquarkus.management.port=" + management,
                "-Dgateway.audit.directory=target/bench/audit-" + name,
                // Two gateways run at once in some scenarios: the sandbox's self-test listener on any free port.
                "-Dgateway.diagnostics.port=0", "-Dgateway.demo.port=0",
                // The scenarios before "quotas" measure the gateway against unlimited producers (labelled so): SCB's
                // quota off in the gateway and in the sandbox. The quota scenario switches both back on.
                "-Dgateway.quotas.scb.calls=0", "-Dgateway.sandbox.scb.quota.calls=0",
                // Quiet logs: the benchmark measures lookups, not console output. (The sandbox e-service SERVTILLSTBV
                // allows 5 000 requests/s; rates above that would show as 429 errors.)
                "-Dquarkus.log.level=WARN"));
        // bench.jvm: extra JVM options for every started gateway, e.g. a JFR recording while profiling.
        String extra = System.getProperty("bench.jvm", "").replace("{name}", name);
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Files.createDirectories(Path.of("target/bench"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target/bench/gateway-" + name + ".log").toFile()).start();
        long started = System.nanoTime();
        GatewayProcess gateway = new GatewayProcess(process, api, management);
        gateway.awaitReady();
        gateway.readyAfterMillis = (System.nanoTime() - started) / 1_000_000;
        return gateway;
    }

    private void awaitReady() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited; see target/bench/gateway-*.log");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the gateway did not become ready");
    }

    /** The status of the readiness check (/q/health/ready). */
    public int readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The sum of a metric's series whose line starts with {@code series} ({@code name} or {@code name{labels}}); -1 if none. */
    public double metric(String series) throws Exception {
        return metrics().lines().filter(line -> line.startsWith(series + " ") || line.startsWith(series.contains("{") ? series : series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).reduce(Double::sum).orElse(-1);
    }

    /** Whether a producer breaker is open or half-open, as the readiness data reports them. */
    boolean anyBreakerOpen() throws Exception {
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return health.contains("OPEN\"");
    }

    /** Calls the sandbox admin API (over mTLS, as any trusted client may). */
    public String admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + api + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return admin.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs a diagnostic command in the gateway's JVM (jcmd of the JDK running the benchmark). */
    void jcmd(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(process.pid())));
        full.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }

    long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** CPU time (user + system) the gateway process has used so far, in seconds. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(process.pid());
    }

    /** CPU time (user + system) a process has used so far, in seconds. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of proc(5) (utime, stime), counted after the command name: clock ticks, 100 per second on Linux.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    long heapUsedMb() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double bytes = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) (bytes / (1024 * 1024));
    }

    /** The gateway's Prometheus metrics (/q/metrics on the management port). */
    public String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A percentile (ms) of a Prometheus histogram on /q/metrics, from its buckets: the gateway's own view. */
    double histogramPercentileMs(String name, String labelFilter, double percentile) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "_bucket{") && line.contains(labelFilter)) {
                String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= percentile / 100 * total) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
