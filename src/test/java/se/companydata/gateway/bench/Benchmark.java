package se.companydata.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import se.companydata.gateway.PostgresServer;
import se.companydata.gateway.RedisServer;
import se.companydata.gateway.audit.trail.StoreLoad;
import se.companydata.gateway.TestFiles;
import se.companydata.gateway.TestPki;
import se.companydata.gateway.TestRegister;

/**
 * The benchmark suite (bench/run.sh): each scenario against a freshly started packaged gateway with
 * its sandbox on loopback, over mutual TLS, with an open-model load. Prints and writes
 * target/bench/results.md and target/bench/latency-uncached.png, and whether each target holds.
 */
public final class Benchmark {

    private static final Path OUT = Path.of("target/bench");
    static final String PERFORMANCE_BEGIN = "<!-- benchmark:begin (written by bench/run.sh; edits between these markers are lost) -->";
    static final String PERFORMANCE_END = "<!-- benchmark:end -->";
    private static final Duration STEP = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private static final List<String> PRODUCER_LATENCIES = List.of(
            "gateway.sandbox.bolagsverket.latency=40ms", "gateway.sandbox.bolagsverket.jitter=10ms",
            "gateway.sandbox.scb.latency=60ms", "gateway.sandbox.scb.jitter=15ms",
            "gateway.sandbox.skatteverket.latency=80ms", "gateway.sandbox.skatteverket.jitter=20ms");

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final List<String> companies = TestRegister.all().stream()
            // Healthy companies only: no sandbox faults, and no producer-side block errors (those answers are partial by design).
            .filter(c -> !c.has("sandboxFaults") && !c.has("fel") && c.path("identitetsbeteckning").asText().length() == 10)
            .map(TestRegister::id).toList();
    private final StringBuilder report = new StringBuilder();
    private final List<String> targets = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Benchmark bench = new Benchmark();
        try {
            bench.runAll();
        } finally {
            bench.vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private void runAll() throws Exception {
        Files.createDirectories(OUT);
        line("# Benchmark results");
        line("");
        line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; gateway JVM " + String.join(" ", GatewayProcess.POD_JVM)
                + ", sandbox in the gateway's JVM, load generator (Vert.x, open model) on the same machine, all over mutual TLS.");
        line("");
        Set<String> only = Set.of(System.getProperty("bench.only", "uncached,cached,stampede,faults,isolation,soap,quotas,replicas,cpu,coldstart,audit").split(","));
        if (only.contains("uncached")) {
            uncached();
        }
        if (only.contains("cached")) {
            cached();
        }
        if (only.contains("stampede")) {
            stampede();
        }
        if (only.contains("faults")) {
            faults();
        }
        if (only.contains("isolation")) {
            isolation();
        } else if (only.contains("isolation-cached")) {
            isolationCached(faultIdentities());
        }
        if (only.contains("soap")) {
            soap();
        }
        if (only.contains("quotas")) {
            quotas();
        }
        if (only.contains("replicas")) {
            replicas();
        }
        if (only.contains("cpu")) {
            cpu();
        }
        if (only.contains("coldstart")) {
            coldStart();
        }
        if (only.contains("audit")) {
            auditStores();
        }
        if (only.contains("profile")) {
            profile();
        }
        line("## Targets");
        line("");
        targets.forEach(t -> line("- " + t));
        Files.writeString(OUT.resolve("results.md"), report);
        writePerformanceDoc();
        System.out.println("\nWritten: target/bench/results.md, target/bench/latency-uncached.png, docs/performance.md (last run)");
    }

    /**
     * The run's results into docs/performance.md, between its markers, with the command, date and commit that produced
     * them (a working tree with changes is marked "-dirty": such figures are not for the record).
     */
    private void writePerformanceDoc() throws IOException, InterruptedException {
        Path doc = Path.of("docs/performance.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(PERFORMANCE_BEGIN);
        int end = text.indexOf(PERFORMANCE_END);
        if (begin < 0 || end < begin) {
            System.out.println("docs/performance.md has no " + PERFORMANCE_BEGIN + " … " + PERFORMANCE_END + " markers: not written");
            return;
        }
        String command = (System.getProperty("bench.only").isEmpty() ? "" : "BENCH_ONLY=" + System.getProperty("bench.only") + " ")
                + "BENCH_SECONDS=" + System.getProperty("bench.seconds", "15") + " bash bench/run.sh";
        String commit = git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : "-dirty");
        // Under this section's own heading: the report's title dropped, each of its headings one level below.
        String results = report.toString().replaceFirst("(?m)^# .*\\n", "").replaceAll("(?m)^#{2,6} ", "### ");
        String section = PERFORMANCE_BEGIN + "\n## Last run, as the benchmark wrote it\n\n`" + command + "`, " + LocalDate.now() + ", at commit "
                + commit + ".\n\n" + results.strip() + "\n" + PERFORMANCE_END;
        Files.writeString(doc, text.substring(0, begin) + section + text.substring(end + PERFORMANCE_END.length()));
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes()).strip();
        return git.waitFor() == 0 ? out : "unknown";
    }

    // --- 1. Uncached lookups: latency and overhead over the slowest producer, measured directly in the same run ---
    private static final int[] UNCACHED_RATES = {50, 125, 250};

    private void uncached() throws Exception {
        line("## 1. Uncached lookups (every lookup a miss), all 34 items: the gateway alone on core 1, the producers as their own "
                + "process and this generator on core 0; Skatteverket (the slowest, 80 ms + up to 20) measured directly in the same steps");
        line("");
        line("The gateway is primed and then warmed until its CPU per lookup settles; the steps run twice, in shuffled order, "
                + STEP.toSeconds() + " s each. 250/s is about half the gateway's capacity by scenario 7's CPU figure.");
        line("");
        line("| rate/s | round | achieved/s | gateway p50 / p95 / p99 / max (ms) | Skatteverket direct p50 / p95 / p99 (ms) | overhead p50 / p95 / p99 (ms) | errors | RSS MB |");
        line("|---|---|---|---|---|---|---|---|");
        pinThisProcess("0");
        Map<String, Histogram> plot = LatencyPlot.series();
        Map<Integer, List<Double>> overheads99 = new TreeMap<>();
        try (GatewayProcess producers = GatewayProcess.start("producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0", withLatencies());
             GatewayProcess gateway = GatewayProcess.start("uncached", GatewayProcess.API, GatewayProcess.MANAGEMENT, "1",
                     againstProducerProcess(false))) {
            HttpClient consumer = client("consumer-exempelby", 64);
            HttpClient producerSide = client("gateway", 64);
            warmUp(consumer, UNCACHED_RATES[UNCACHED_RATES.length - 1], this::lookupAll, this::lookupAll);
            settle(gateway, consumer, UNCACHED_RATES[UNCACHED_RATES.length - 1], this::lookupAll, this::lookupAll);
            OpenLoad.run(vertx, producerSide, PRODUCERS_API, 250, Duration.ofSeconds(5), this::skatteverketDirect);
            closeBreakers(gateway, consumer);
            List<Integer> steps = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                List<Integer> order = new ArrayList<>();
                for (int rate : UNCACHED_RATES) {
                    order.add(rate);
                }
                Collections.shuffle(order, new Random(round));
                steps.addAll(order);
            }
            Map<Integer, Integer> rounds = new HashMap<>();
            for (int rate : steps) {
                int round = rounds.merge(rate, 1, Integer::sum);
                CompletableFuture<OpenLoad.Outcome> direct = CompletableFuture.supplyAsync(
                        () -> run(producerSide, PRODUCERS_API, rate, this::skatteverketDirect));
                OpenLoad.Outcome gw = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, STEP, this::lookupAll);
                OpenLoad.Outcome producer = direct.join();
                double overhead99 = gw.ms(99) - producer.ms(99);
                overheads99.computeIfAbsent(rate, r -> new ArrayList<>()).add(overhead99);
                line(String.format(Locale.ROOT, "| %d | %d | %.0f | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %d | %d |",
                        rate, round, gw.achievedRate(), gw.ms(50), gw.ms(95), gw.ms(99), gw.maxMs(), producer.ms(50), producer.ms(95), producer.ms(99),
                        gw.ms(50) - producer.ms(50), gw.ms(95) - producer.ms(95), overhead99, gw.failed.get(), gateway.rssMb()));
                if (round == 2) {
                    plot.put("gateway " + rate + "/s", gw.latency);
                    if (rate == UNCACHED_RATES[UNCACHED_RATES.length - 1]) {
                        plot.put("Skatteverket direct " + rate + "/s", producer.latency);
                    }
                }
            }
            int half = UNCACHED_RATES[UNCACHED_RATES.length - 1];
            double worst = overheads99.get(half).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            target(worst <= 3, String.format(Locale.ROOT, "uncached p99 overhead over the slowest producer at %d/s (about half capacity), "
                    + "worse of two rounds: %.1f ms (target ≤ 3 ms)", half, worst));
            memory(gateway, "uncached");
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        LatencyPlot.write(OUT.resolve("latency-uncached.png"), "Uncached lookups over mTLS: gateway vs slowest producer", plot);
        line("");
    }

    // --- 2. Cached lookups: rising rate until p99 > 10 ms, gateway vs nginx serving the same JSON over mTLS ---
    private void cached() throws Exception {
        line("## 2. Cached lookups: highest rate with p99 under 10 ms (" + Math.max(5, STEP.toSeconds() / 3) + " s per step), gateway vs nginx");
        line("");
        String company = companies.get(7);
        int gatewayBest;
        String body;
        try (GatewayProcess gateway = GatewayProcess.start("cached", withLatencies())) {
            HttpClient consumer = client("consumer-exempelby");
            // Warm-up (not measured): JIT and pooled mTLS connections.
            OpenLoad.run(vertx, consumer, GatewayProcess.API, 500, Duration.ofSeconds(10), i -> lookupOne(company));
            gatewayBest = rising("gateway", consumer, GatewayProcess.API, i -> lookupOne(company));
            memory(gateway, "cached");
            body = captureAnswer(consumer, company);
        }
        int nginxBest = -1;
        try (NginxProcess nginx = NginxProcess.start(body)) {
            HttpClient consumer = client("consumer-exempelby");
            OpenLoad.run(vertx, consumer, NginxProcess.PORT, 500, Duration.ofSeconds(10), i -> lookupOne(company));
            nginxBest = rising("nginx", consumer, NginxProcess.PORT, i -> lookupOne(company));
        } catch (IllegalStateException unavailable) {
            line("nginx: " + unavailable.getMessage());
        }
        if (nginxBest > 0) {
            double ratio = (double) gatewayBest / nginxBest;
            target(ratio >= 0.5, String.format(Locale.ROOT, "cached throughput with p99 < 10 ms: gateway %d/s, nginx %d/s, ratio %.2f (target ≥ 0.5)",
                    gatewayBest, nginxBest, ratio));
        } else {
            target(false, "cached throughput: gateway " + gatewayBest + "/s; nginx comparison not run (see above)");
        }
        line("");
    }

    private int rising(String who, HttpClient client, int port, LongFunction<OpenLoad.Request> request) throws Exception {
        line("| " + who + " rate/s | achieved/s | p50 / p99 / max (ms) | errors |");
        line("|---|---|---|---|");
        int best = 0;
        for (int rate : new int[] {250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000}) {
            OpenLoad.Outcome o = OpenLoad.run(vertx, client, port, rate, Duration.ofSeconds(Math.max(5, STEP.toSeconds() / 3)), request);
            line(String.format(Locale.ROOT, "| %d | %.0f | %.2f / %.2f / %.1f | %d |", rate, o.achievedRate(), o.ms(50), o.ms(99), o.maxMs(), o.failed.get()));
            if (o.ms(99) >= 10 || o.failed.get() > 0) {
                break;
            }
            best = rate;
        }
        line("");
        line(who + ": highest rate with p99 < 10 ms and no errors: **" + best + "/s**");
        line("");
        return best;
    }

    // --- 3. Stampede: 1 000 simultaneous first requests for one company ---
    private void stampede() throws Exception {
        line("## 3. Stampede: 1 000 simultaneous first requests for one company (producers answer after 3 s)");
        line("");
        List<String> slow = List.of("gateway.sandbox.bolagsverket.latency=3s", "gateway.sandbox.scb.latency=3s",
                "gateway.sandbox.skatteverket.latency=3s", "gateway.lookup.deadline=10s", "gateway.producers.bolagsverket.timeout=8s",
                "gateway.producers.scb.timeout=8s", "gateway.producers.skatteverket.timeout=8s");
        try (GatewayProcess gateway = GatewayProcess.start("stampede", slow)) {
            HttpClient consumer = http2Client("consumer-exempelby");
            gateway.admin("DELETE", "/sandbox/admin/producers", null);
            String company = companies.get(11);
            OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, 100_000, Duration.ofMillis(10), i -> lookupAll(company));
            String calls = gateway.admin("GET", "/sandbox/admin/calls", null);
            line(String.format(Locale.ROOT, "1 000 requests: %d answered, %d failed, p50 %.0f ms, max %.0f ms. Producer calls: `%s`",
                    o.ok.get(), o.failed.get(), o.ms(50), o.maxMs(), calls));
            boolean one = calls.matches("\\{(\"[a-z-]+\":1,?)+}");
            target(one && o.ok.get() == 1000, "stampede: 1 000 simultaneous misses → producer calls " + calls + " (target: 1 per producer endpoint)");
            memory(gateway, "stampede");
        }
        line("");
    }

    // --- 4. Faults under load: Bolagsverket killed, then SCB slowed, then both restored ---
    private void faults() throws Exception {
        int rate = 200;
        line("## 4. Faults under load: " + rate + " uncached lookups/s for 30 s; Bolagsverket killed at 5 s, restored and SCB slowed to 3 s at 12 s, all restored at 20 s");
        line("");
        try (GatewayProcess gateway = GatewayProcess.start("faults", withLatencies("gateway.cache.ttl=0s"))) {
            HttpClient consumer = client("consumer-exempelby");
            OpenLoad.run(vertx, consumer, GatewayProcess.API, 200, Duration.ofSeconds(8), this::lookupAll);   // warm-up
            vertx.setTimer(5_000, t -> admin(gateway, "PUT", "/sandbox/admin/producers/bolagsverket", "{\"fault\":\"RESET\"}"));
            vertx.setTimer(12_000, t -> {
                admin(gateway, "PUT", "/sandbox/admin/producers/bolagsverket", "{\"fault\":\"NONE\"}");
                admin(gateway, "PUT", "/sandbox/admin/producers/scb", "{\"latencyMs\":3000}");
            });
            vertx.setTimer(20_000, t -> admin(gateway, "PUT", "/sandbox/admin/producers/scb", "{\"latencyMs\":60}"));
            OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, Duration.ofSeconds(30), this::lookupAll);
            line("| second | answers | non-2xx | partial |");
            line("|---|---|---|---|");
            int recovered = -1;
            for (int s = 0; s < 32; s++) {
                long answers = o.perSecondAnswers.get(s);
                long partial = o.perSecondPartial.get(s);
                line(String.format("| %d | %d | %d | %d |", s, answers, o.perSecondFailed.get(s), partial));
                if (recovered < 0 && s >= 21 && answers > 0 && partial == 0) {
                    recovered = s - 20;
                }
            }
            double partialShare = 100.0 * o.partial.get() / Math.max(1, o.ok.get());
            line("");
            line(String.format(Locale.ROOT, "%d lookups: %d non-2xx, %.1f %% partial answers; complete answers again %s after the restore.",
                    o.sent, o.failed.get(), partialShare, recovered < 0 ? "not within the run" : recovered + " s"));
            target(o.failed.get() == 0, "faults under load: " + o.failed.get() + " failed lookups (target 0; partial answers are fine)");
            memory(gateway, "faults");
        }
        line("");
    }

    // --- 5. Fault isolation: one company's producer fault must not cost other companies anything ---
    private record ConnectionMode(String name, boolean chosen, List<String> properties) {
    }

    private void isolation() throws Exception {
        int rate = 100;
        Duration length = Duration.ofSeconds(Math.max(20, 2 * STEP.toSeconds()));
        List<String> faulty = faultIdentities();
        line("## 5. Fault isolation: " + rate + " uncached lookups/s of all items for " + length.toSeconds() + " s; one lookup in 20 is of one of the "
                + faulty.size() + " reserved fault identities (reset, abort mid-answer, GOAWAY, garbage, 500, 503, timeout, slow), the rest of healthy companies");
        line("");
        line("Per way of connecting to the producers, each on a fresh gateway warmed for 15 s at rising rates. \"Unaffected partial\" counts answers for healthy companies "
                + "that lack an item for want of a producer (target 0). CPU is the gateway process's, sandbox included (it serves the producer calls in the same JVM).");
        line("");
        line("| producer connections | lookups | unaffected partial | faulty: partial / lookups | connections opened (Bolagsverket / SCB / Skatteverket) | CPU ms per lookup |");
        line("|---|---|---|---|---|---|");
        List<ConnectionMode> modes = List.of(
                new ConnectionMode("HTTP/2, pool 200, no transparent repeat (the previous setting)", false,
                        forEveryProducer("quarkus.rest-client.http2=true", "quarkus.rest-client.connection-pool-size=200",
                                "gateway.producers.%s.retry.connection-loss-retries=0")),
                new ConnectionMode("HTTP/2, pool 200, transparent repeat", false,
                        forEveryProducer("quarkus.rest-client.http2=true", "quarkus.rest-client.connection-pool-size=200")),
                new ConnectionMode("HTTP/2, pool 4, transparent repeat", false,
                        forEveryProducer("quarkus.rest-client.http2=true", "quarkus.rest-client.connection-pool-size=4")),
                new ConnectionMode("HTTP/1.1 keep-alive, pool 50, transparent repeat", false,
                        forEveryProducer("quarkus.rest-client.http2=false", "quarkus.rest-client.alpn=false", "quarkus.rest-client.connection-pool-size=50")),
                new ConnectionMode("as configured (application.properties)", true, List.of()));
        for (ConnectionMode mode : modes) {
            List<String> properties = withLatencies("gateway.cache.ttl=0s");
            properties.addAll(mode.properties());
            try (GatewayProcess gateway = GatewayProcess.start("isolation", properties)) {
                HttpClient consumer = client("consumer-exempelby");
                // Warm-up, rising to the rate (a cold JVM at full rate times out and trips breakers: a cold-start
                // matter, not this scenario's); then the measured run starts with every breaker closed.
                for (int warm : new int[] {25, 50, rate}) {
                    OpenLoad.run(vertx, consumer, GatewayProcess.API, warm, Duration.ofSeconds(5), i -> isolationLookup(i, faulty));
                }
                boolean settled = closeBreakers(gateway, consumer);
                gateway.admin("DELETE", "/sandbox/admin/producers", null);
                double cpuBefore = gateway.cpuSeconds();
                OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, length, i -> isolationLookup(i, faulty));
                double cpuMs = (gateway.cpuSeconds() - cpuBefore) * 1000 / Math.max(1, o.ok.get() + o.failed.get());
                String connections = gateway.admin("GET", "/sandbox/admin/connections", null);
                long unaffected = o.partial.get() - o.partialMarked.get();
                line(String.format(Locale.ROOT, "| %s | %d | %d | %d / %d | %s | %.2f |",
                        mode.name() + (settled ? "" : " (breakers still open 30 s after the warm-up)"), o.sent, unaffected,
                        o.partialMarked.get(), o.okMarked.get(), connectionCounts(connections), cpuMs));
                if (mode.chosen()) {
                    target(unaffected == 0 && o.failed.get() == 0, "fault isolation: " + unaffected + " partial answers for unaffected companies, "
                            + o.failed.get() + " failed lookups (target 0 and 0)");
                }
            }
        }
        line("");
        isolationCached(faulty);
    }

    /**
     * The cache on, as configured: healthy answers come from the cache, so the calls that reach the producers are mostly
     * the fault identities'. 70 % of lookups for 20 popular companies, 25 % spread over the other healthy ones, 5 % for
     * the fault identities.
     */
    private void isolationCached(List<String> faulty) throws Exception {
        int rate = 80;
        Duration length = Duration.ofSeconds(Math.max(60, 8 * STEP.toSeconds()));
        List<String> popular = companies.subList(0, 20);
        List<String> spread = companies.subList(20, companies.size());
        line("### 5b. Fault isolation with the cache on (" + rate + " lookups/s of all items for " + length.toSeconds() + " s, cache 60 s): 70 % for "
                + popular.size() + " popular companies, 25 % spread over the other " + spread.size() + " healthy ones, 5 % for the "
                + faulty.size() + " fault identities");
        line("");
        line("\"Breaker openings\" counts `gateway_producer_circuit_breaker_opened_total` over the measured run (target 0: no producer is down).");
        line("");
        line("| lookups | unaffected partial | faulty: partial / lookups | breaker openings (Bolagsverket / SCB / Skatteverket) | producer calls per lookup | CPU ms per lookup |");
        line("|---|---|---|---|---|---|");
        LongFunction<OpenLoad.Request> mix = i -> {
            long h = (i * 0x9E3779B97F4A7C15L) >>> 11;
            int percent = (int) (h % 100);
            if (percent < 5) {
                return new OpenLoad.Request("/api/v1/lookup", "SERVTILLSTBV", "{\"identity\":\"" + faulty.get((int) (h / 100 % faulty.size())) + "\"}", true);
            }
            List<String> from = percent < 75 ? popular : spread;
            return lookupAll(from.get((int) (h / 100 % from.size())));
        };
        try (GatewayProcess gateway = GatewayProcess.start("isolation-cached", withLatencies())) {
            HttpClient consumer = client("consumer-exempelby");
            for (int warm : new int[] {25, 50, rate}) {
                OpenLoad.run(vertx, consumer, GatewayProcess.API, warm, Duration.ofSeconds(5), mix);
            }
            closeBreakers(gateway, consumer);
            gateway.admin("DELETE", "/sandbox/admin/producers", null);
            Map<String, Double> openedBefore = breakerOpenings(gateway);
            long callsBefore = producerCalls(gateway);
            double cpuBefore = gateway.cpuSeconds();
            OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, length, mix);
            long answers = Math.max(1, o.ok.get() + o.failed.get());
            double cpuMs = (gateway.cpuSeconds() - cpuBefore) * 1000 / answers;
            double callsPerLookup = (double) (producerCalls(gateway) - callsBefore) / answers;
            Map<String, Double> openedAfter = breakerOpenings(gateway);
            List<Long> openings = Stream.of("Bolagsverket", "SCB", "Skatteverket")
                    .map(p -> Math.round(openedAfter.getOrDefault(p, 0.0) - openedBefore.getOrDefault(p, 0.0))).toList();
            long unaffected = o.partial.get() - o.partialMarked.get();
            line(String.format(Locale.ROOT, "| %d | %d | %d / %d | %d / %d / %d | %.2f | %.2f |", o.sent, unaffected, o.partialMarked.get(), o.okMarked.get(),
                    openings.get(0), openings.get(1), openings.get(2), callsPerLookup, cpuMs));
            target(unaffected == 0 && openings.stream().allMatch(n -> n == 0), "fault isolation with the cache on: " + unaffected
                    + " partial answers for unaffected companies, breaker openings " + openings + " (target 0 and none)");
        }
        line("");
    }

    private static List<String> faultIdentities() {
        return TestRegister.all().stream().filter(c -> c.has("sandboxFaults")).map(TestRegister::id).toList();
    }

    /** Openings per producer so far, from the gateway's counter. */
    private static Map<String, Double> breakerOpenings(GatewayProcess gateway) throws Exception {
        Map<String, Double> opened = new HashMap<>();
        for (String line : gateway.metrics().split("\n")) {
            if (line.startsWith("gateway_producer_circuit_breaker_opened_total{")) {
                String producer = line.replaceAll(".*producer=\"([^\"]+)\".*", "$1");
                opened.merge(producer, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return opened;
    }

    /** Calls the sandbox's producers have received, all endpoints together. */
    private static long producerCalls(GatewayProcess gateway) throws Exception {
        long calls = 0;
        for (JsonNode count : new ObjectMapper().readTree(gateway.admin("GET", "/sandbox/admin/calls", null))) {
            calls += count.asLong();
        }
        return calls;
    }

    // --- 10. Producers' real quotas: SCB 10 calls per 10 s, in the gateway and in the simulated SCB ---
    private record Consumer(String certificate, String service, String useArea) {
        boolean interactive() {
            return useArea.equals("IndirektAteranvandning");
        }
    }

    private static final double[] QUOTA_RATES = {0.2, 0.5, 1, 2, 5, 20};

    /** The sandbox registry's e-services: four interactive (people filling in forms), two case systems. */
    private static final List<Consumer> REALISTIC_CONSUMERS = List.of(
            new Consumer("consumer-exempelby", "DEMOSERVERING", "IndirektAteranvandning"),
            new Consumer("consumer-exempelby", "LIVSMBV", "IndirektAteranvandning"),
            new Consumer("consumer-testhamn", "LIVSMBV", "IndirektAteranvandning"),
            new Consumer("consumer-exempelby", "SERVTILLSTBV", "IndirektAteranvandning"),
            new Consumer("consumer-exempelby", "SERVTILLSTBV", "DirektAteranvandning"),
            new Consumer("consumer-provkoping", "ARENDEBV", "DirektAteranvandning"));

    /** A consumer's {@code i}th lookup of every item it is entitled to: 70 % of 20 popular companies, 30 % of the others. */
    private OpenLoad.Request realisticLookup(Consumer consumer, long i) {
        List<String> popular = companies.subList(0, 20);
        List<String> spread = companies.subList(20, companies.size());
        long h = ((i + consumer.hashCode()) * 0x9E3779B97F4A7C15L) >>> 11;
        List<String> from = h % 100 < 70 ? popular : spread;
        return new OpenLoad.Request("/api/v1/lookup", consumer.service(), "{\"identity\":\"" + from.get((int) (h / 100 % from.size()))
                + "\",\"anvandningsomrade\":\"" + consumer.useArea() + "\"}");
    }

    private void quotas() throws Exception {
        Duration step = Duration.ofSeconds(Math.max(30, 2 * STEP.toSeconds()));
        List<Consumer> consumers = REALISTIC_CONSUMERS;
        List<String> popular = companies.subList(0, 20);
        List<String> spread = companies.subList(20, companies.size());
        line("## 10. Producers' real quotas: SCB allows 10 calls per 10 s, and so do the gateway and the simulated SCB");
        line("");
        line("Lookups of every item each e-service is entitled to, cache on (60 s): 70 % for " + popular.size() + " popular companies, 30 % spread over the other "
                + spread.size() + " healthy ones of the sandbox register (it has no thousands); " + consumers.size() + " consumers (the sandbox registry's "
                + "e-services), 25 % of the rate from four interactive ones (IndirektAteranvandning: people filling in forms), 75 % from two "
                + "case systems (DirektAteranvandning); after a warm-up of one cached company, " + step.toSeconds()
                + " s per rate, in rising order on one gateway. \"Max SCB calls in a 10 s window\" and \"429s\" are the simulated SCB's own counts; "
                + "\"refused for quota\" counts answers with an item refused for the quota, \"other shortfalls\" the rest of the incomplete ones.");
        line("");
        line("| rate/s | lookups | max SCB calls in a 10 s window (quota 10) | SCB 429s | complete | refused for quota: interactive / batch | other shortfalls | p50 / p99 interactive (ms) | p50 / p99 batch (ms) |");
        line("|---|---|---|---|---|---|---|---|---|");
        List<String> properties = withLatencies("gateway.quotas.scb.calls=10", "gateway.quotas.scb.period=10s",
                "gateway.sandbox.scb.quota.calls=10", "gateway.sandbox.scb.quota.period=10s");
        try (GatewayProcess gateway = GatewayProcess.start("quotas", properties)) {
            Map<String, HttpClient> clients = new HashMap<>();
            for (Consumer c : consumers) {
                clients.computeIfAbsent(c.certificate(), this::client);
            }
            // A warm JVM before the first step: one company, cached after its first lookup (two SCB calls of the quota), then the
            // uncached paths of the producers without a quota (Bolagsverket, Skatteverket); then SCB's window is left to empty.
            OpenLoad.run(vertx, clients.get("consumer-exempelby"), GatewayProcess.API, 20, Duration.ofSeconds(10), i -> lookupAll(popular.get(0)));
            OpenLoad.run(vertx, clients.get("consumer-exempelby"), GatewayProcess.API, 20, Duration.ofSeconds(10), i -> new OpenLoad.Request(
                    "/api/v1/lookup", "SERVTILLSTBV", "{\"identity\":\"" + spread.get((int) (i % spread.size())) + "\",\"items\":[\"UD0001\",\"UD0029\",\"UD0045\"]}"));
            gateway.admin("DELETE", "/sandbox/admin/producers", null);
            Thread.sleep(10_000);
            long worstWindow = 0;
            long all429 = 0;
            boolean interactiveHeld = true;
            for (double rate : QUOTA_RATES) {
                gateway.admin("DELETE", "/sandbox/admin/producers", null);
                Map<Consumer, CompletableFuture<OpenLoad.Outcome>> runs = new HashMap<>();
                for (Consumer c : consumers) {
                    double share = rate * (c.interactive() ? 0.25 / 4 : 0.75 / 2);
                    runs.put(c, CompletableFuture.supplyAsync(() -> {
                        try {
                            return OpenLoad.run(vertx, clients.get(c.certificate()), GatewayProcess.API, share, step, i -> realisticLookup(c, i));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                Histogram interactive = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
                Histogram batch = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
                long sent = 0;
                long complete = 0;
                long[] refused = new long[2];
                long[] answered = new long[2];
                long other = 0;
                for (var run : runs.entrySet()) {
                    OpenLoad.Outcome o = run.getValue().join();
                    int k = run.getKey().interactive() ? 0 : 1;
                    (k == 0 ? interactive : batch).add(o.latency);
                    sent += o.sent;
                    complete += o.ok.get() - o.partial.get();
                    refused[k] += o.quotaRefused.get();
                    other += o.partial.get() - o.quotaRefused.get() + o.failed.get();
                    answered[k] += o.ok.get() + o.failed.get();
                }
                JsonNode scb = new ObjectMapper().readTree(gateway.admin("GET", "/sandbox/admin/quotas", null)).path("scb");
                long window = scb.path("mostInAnyWindow").asLong();
                long tooMany = scb.path("refused").asLong();
                worstWindow = Math.max(worstWindow, window);
                all429 += tooMany;
                double interactiveComplete = 1 - (double) refused[0] / Math.max(1, answered[0]);
                if (rate > 1 && interactiveComplete < 0.95) {
                    interactiveHeld = false;
                }
                line(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f %% | %.1f %% / %.1f %% | %d | %.1f / %.1f | %.1f / %.1f |", rate, sent, window, tooMany,
                        100.0 * complete / Math.max(1, sent), 100.0 * refused[0] / Math.max(1, answered[0]), 100.0 * refused[1] / Math.max(1, answered[1]), other,
                        interactive.getValueAtPercentile(50) / 1000.0, interactive.getValueAtPercentile(99) / 1000.0,
                        batch.getValueAtPercentile(50) / 1000.0, batch.getValueAtPercentile(99) / 1000.0));
            }
            target(worstWindow <= 10 && all429 == 0, "producer quota: at most " + worstWindow + " SCB calls in any 10 s window, " + all429
                    + " 429s (target ≤ 10 and 0)");
            target(interactiveHeld, "beyond what the quota carries, interactive lookups keep ≥ 95 % complete answers (batch absorbs the refusals)");
        }
        line("");
    }

    // --- 11. Replicas: 1, 2 and 3 gateways on one Redis, the realistic mix against producers keeping their real quotas ---
    private static final double[] REPLICA_RATES = {1, 5};
    private static final int REPLICAS_AT_MOST = 3;

    /** One configuration of the scenario: how many replicas, and whether they share through Redis. */
    private record Deployment(int replicas, boolean redis) {
        String label() {
            return replicas + (redis ? "" : " (no Redis)");
        }
    }

    /** Sums over every replica of what a step is measured by: answers, CPU, cache reads, Redis round trips. */
    private record ReplicaCounts(double cpuSeconds, double localHits, double misses, double sharedHits, double redisFailures,
                                 Map<String, Map<String, Double>> roundTrips) {
    }

    private void replicas() throws Exception {
        if (!RedisServer.installed()) {
            line("## 11. Replicas: not run (redis-server is not installed: apt-get install redis-server)");
            line("");
            return;
        }
        Duration step = Duration.ofSeconds(Math.max(30, 2 * STEP.toSeconds()));
        Duration outage = Duration.ofSeconds(60);
        line("## 11. Replicas: 1, 2 and 3 gateways (all on core 1) on one Redis, in front of one simulated-producer process keeping SCB's quota "
                + "(10 calls per 10 s per customer; core 0, with Redis and this generator)");
        line("");
        line("Scenario 10's mix (six e-services, 25 % of the rate interactive, every item each is entitled to, 70 % of lookups for 20 popular "
                + "companies, cache 60 s), spread evenly over the replicas as a load balancer would; " + step.toSeconds() + " s per rate after a "
                + "warm-up, then " + outage.toSeconds() + " s at " + (int) REPLICA_RATES[REPLICA_RATES.length - 1] + "/s with Redis killed "
                + "(SIGKILL) at 20 s and started again at 40 s. Every replica is configured for " + REPLICAS_AT_MOST + " replicas at most "
                + "(`gateway.cluster.replicas`, as production names the autoscaler's maximum) and production's `gateway.cluster.timeout` (250 ms). "
                + "SCB's window and 429 columns are the simulated SCB's own counts; hits are of producer-answer reads, \"through Redis\" "
                + "those another replica fetched; CPU is all replicas' process CPU ÷ answers.");
        line("");
        line("| replicas | rate/s | lookups | max SCB calls in a 10 s window (quota 10) | SCB 429s | complete | refused for quota: interactive / batch | "
                + "cache hits: here / through Redis | producer calls per lookup | p99 interactive / batch (ms) | CPU ms per lookup | Redis timeouts |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> roundTripRows = new ArrayList<>();
        List<String> outageNotes = new ArrayList<>();
        long worstWindow = 0;
        long all429 = 0;
        long failedLookups = 0;
        pinThisProcess("0");
        Path keys = Files.createTempDirectory("bench-cache-keys");
        Random random = new Random(11);
        for (String key : List.of("hash-key", "encryption-key")) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            Files.writeString(keys.resolve(key), Base64.getEncoder().encodeToString(bytes));
        }
        Map<String, HttpClient> clients = new HashMap<>();
        for (Consumer c : REALISTIC_CONSUMERS) {
            clients.computeIfAbsent(c.certificate(), this::client);
        }
        try (RedisServer redis = RedisServer.start();
             GatewayProcess producers = GatewayProcess.start("replicas-producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0",
                     withLatencies("gateway.sandbox.scb.quota.calls=10", "gateway.sandbox.scb.quota.period=10s"))) {
            pin(redis.pid(), "0");
            for (Deployment deployment : List.of(new Deployment(1, false), new Deployment(1, true), new Deployment(2, true), new Deployment(3, true))) {
                redis.cli("FLUSHALL");
                List<String> properties = new ArrayList<>(againstProducerProcess(true));
                properties.addAll(List.of("gateway.quotas.scb.calls=10", "gateway.quotas.scb.period=10s"));
                if (deployment.redis()) {
                    properties.addAll(List.of("quarkus.redis.hosts=" + redis.url(), "gateway.cluster.replicas=" + REPLICAS_AT_MOST,
                            "gateway.cache.shared.hash-key-file=" + keys.resolve("hash-key"),
                            "gateway.cache.shared.encryption-key-file=" + keys.resolve("encryption-key")));
                }
                List<CompletableFuture<GatewayProcess>> starting = new ArrayList<>();
                for (int r = 0; r < deployment.replicas(); r++) {
                    int api = GatewayProcess.API + 10 * r;
                    String name = "replica-" + deployment.replicas() + (deployment.redis() ? "" : "-alone") + "-" + (char) ('a' + r);
                    starting.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return GatewayProcess.start(name, api, api - GatewayProcess.API + GatewayProcess.MANAGEMENT, "1", properties);
                        } catch (Exception e) {
                            throw new IllegalStateException(name + " did not start", e);
                        }
                    }));
                }
                List<GatewayProcess> gateways = new ArrayList<>();
                try {
                    for (CompletableFuture<GatewayProcess> replica : starting) {
                        gateways.add(replica.join());
                    }
                    // Warm JVMs before the first step (as scenario 10): one cached company, then the producers without a quota; then
                    // SCB's window is left to empty and the counts start from nothing.
                    for (int r = 0; r < gateways.size(); r++) {
                        int port = GatewayProcess.API + 10 * r;
                        String company = companies.get(r);
                        OpenLoad.run(vertx, clients.get("consumer-exempelby"), port, 20, Duration.ofSeconds(10), i -> lookupAll(company));
                        OpenLoad.run(vertx, clients.get("consumer-exempelby"), port, 20, Duration.ofSeconds(10), i -> new OpenLoad.Request(
                                "/api/v1/lookup", "SERVTILLSTBV", "{\"identity\":\"" + companies.get((int) (20 + i % (companies.size() - 20)))
                                        + "\",\"items\":[\"UD0001\",\"UD0029\",\"UD0045\"]}"));
                    }
                    Thread.sleep(10_000);
                    redis.cli("CONFIG", "RESETSTAT");
                    ReplicaCounts start = counts(gateways);
                    double redisCpu = GatewayProcess.cpuSeconds(redis.pid());
                    long lookups = 0;
                    for (double rate : REPLICA_RATES) {
                        Step measured = replicaStep(deployment, gateways, producers, clients, rate, step, null);
                        lookups += measured.lookups();
                        failedLookups += measured.failed();
                        worstWindow = Math.max(worstWindow, measured.window());
                        all429 += measured.refused429();
                    }
                    if (deployment.redis()) {
                        ReplicaCounts end = counts(gateways);
                        double redisCpuMs = (GatewayProcess.cpuSeconds(redis.pid()) - redisCpu) * 1000 / Math.max(1, lookups);
                        String server = redis.cli("INFO", "commandstats").lines().filter(l -> l.startsWith("cmdstat_evalsha:")).findFirst()
                                .map(l -> l.replaceAll(".*usec_per_call=([0-9.]+).*", "$1")).orElse("—");
                        for (String operation : new TreeMap<>(end.roundTrips()).keySet()) {
                            Map<String, Double> after = end.roundTrips().get(operation);
                            Map<String, Double> before = start.roundTrips().getOrDefault(operation, Map.of());
                            double count = after.getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0);
                            if (count > 0) {
                                roundTripRows.add(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f / %.2f |", deployment.replicas(), operation,
                                        count / Math.max(1, lookups), deltaPercentile(before, after, 50), deltaPercentile(before, after, 99)));
                            }
                        }
                        roundTripRows.add(String.format(Locale.ROOT, "| %d | Redis itself: µs per script (evalsha, server side); Redis CPU ms per lookup | — | %s µs; %.3f ms |",
                                deployment.replicas(), server, redisCpuMs));
                        Step measured = replicaStep(deployment, gateways, producers, clients, REPLICA_RATES[REPLICA_RATES.length - 1], outage, redis);
                        failedLookups += measured.failed();
                        worstWindow = Math.max(worstWindow, measured.window());
                        all429 += measured.refused429();
                        outageNotes.add(deployment.replicas() + " replica(s): " + measured.note());
                    }
                } finally {
                    for (GatewayProcess gateway : gateways) {
                        gateway.close();
                    }
                }
            }
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        line("");
        line("Redis round trips as each replica saw them (`gateway_cluster_redis_seconds{operation}`, its own event loop's delay "
                + "included: the figure `gateway.cluster.timeout` is compared with), over the " + REPLICA_RATES.length + " steps above:");
        line("");
        line("| replicas | operation | per lookup | p50 / p99 (ms) |");
        line("|---|---|---|---|");
        roundTripRows.forEach(this::line);
        line("");
        line("Redis stopped midway:");
        line("");
        outageNotes.forEach(note -> line("- " + note));
        line("");
        try {
            redisCost(keys);
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        target(worstWindow <= 10 && all429 == 0, "producer quota over 1–3 replicas, also with Redis killed: at most " + worstWindow
                + " SCB calls in any 10 s window, " + all429 + " 429s (target ≤ 10 and 0)");
        target(failedLookups == 0, "no lookup failed over 1–3 replicas, also with Redis killed: " + failedLookups + " failed (target 0)");
    }

    /**
     * What Redis costs one lookup: one replica (core 1) under scenario 7's JSON loads without Redis and with it; the gateway's
     * and Redis's CPU ÷ answers, and the round trips per lookup. Uncached (TTL 0), every lookup is a miss of each source: one
     * fetch (and one store) per source on top of the rate script every lookup runs.
     */
    private void redisCost(Path keys) throws Exception {
        pinThisProcess("0");
        line("What Redis costs a lookup: one replica alone on core 1 under scenario 7's JSON loads (16 items; cached 200/s, uncached 100/s, "
                + "every lookup then a miss of each source), unlimited producers as their own process; without Redis and with it (core 0). "
                + "CPU of each process ÷ answers, median of three 10 s rounds after the warm-up.");
        line("");
        line("| lookups | Redis | gateway CPU ms per lookup (median, min–max) | Redis CPU ms per lookup | Redis round trips per lookup | p50 / p99 (ms) |");
        line("|---|---|---|---|---|---|");
        try (RedisServer redis = RedisServer.start();
             GatewayProcess producers = GatewayProcess.start("redis-cost-producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0", withLatencies())) {
            pin(redis.pid(), "0");
            for (boolean cached : new boolean[] {true, false}) {
                int rate = cached ? 200 : 100;
                for (boolean withRedis : new boolean[] {false, true}) {
                    List<String> properties = new ArrayList<>(againstProducerProcess(cached));
                    if (withRedis) {
                        properties.addAll(List.of("quarkus.redis.hosts=" + redis.url(), "gateway.cluster.replicas=" + REPLICAS_AT_MOST,
                                "gateway.cache.shared.hash-key-file=" + keys.resolve("hash-key"),
                                "gateway.cache.shared.encryption-key-file=" + keys.resolve("encryption-key")));
                    }
                    redis.cli("FLUSHALL");
                    try (GatewayProcess gateway = GatewayProcess.start("redis-cost-" + (cached ? "cached" : "uncached") + (withRedis ? "-redis" : ""),
                            GatewayProcess.API, GatewayProcess.MANAGEMENT, "1", properties)) {
                        HttpClient consumer = client("consumer-exempelby", 32);
                        LongFunction<OpenLoad.Request> json = sixteenItemsJson(cached);
                        warmUp(consumer, rate, json, json);
                        settle(gateway, consumer, rate, json, json);
                        closeBreakers(gateway, consumer);
                        double redisBefore = GatewayProcess.cpuSeconds(redis.pid());
                        ReplicaCounts before = counts(List.of(gateway));
                        List<double[]> rounds = new ArrayList<>();
                        for (int round = 0; round < 3; round++) {
                            rounds.add(cpuPerLookup(gateway, consumer, rate, Duration.ofSeconds(10), json));
                        }
                        double redisMs = (GatewayProcess.cpuSeconds(redis.pid()) - redisBefore) * 1000 / (3 * 10 * rate);
                        ReplicaCounts after = counts(List.of(gateway));
                        double trips = 0;
                        for (var operation : after.roundTrips().entrySet()) {
                            trips += operation.getValue().getOrDefault("count", 0.0)
                                    - before.roundTrips().getOrDefault(operation.getKey(), Map.of()).getOrDefault("count", 0.0);
                        }
                        double[] cpu = rounds.stream().mapToDouble(x -> x[0]).sorted().toArray();
                        double[] m = median(rounds);
                        line(String.format(Locale.ROOT, "| %s | %s | **%.2f** (%.2f–%.2f) | %s | %s | %.1f / %.1f |", cached ? "cached" : "uncached",
                                withRedis ? "yes" : "no", m[0], cpu[0], cpu[2], withRedis ? String.format(Locale.ROOT, "%.3f", redisMs) : "—",
                                withRedis ? String.format(Locale.ROOT, "%.1f", trips / (3 * 10 * rate)) : "—", m[1], m[2]));
                    }
                }
            }
        }
        line("");
    }

    /** What one step of the replicas scenario measured. */
    private record Step(long lookups, long failed, long window, long refused429, String note) {
    }

    /**
     * One step: the mix at {@code rate} for {@code duration}, spread evenly over the replicas; one table row. With {@code redis},
     * Redis is killed at 20 s and started again at 40 s, and what the replicas said meanwhile goes into the note.
     */
    private Step replicaStep(Deployment deployment, List<GatewayProcess> gateways, GatewayProcess producers, Map<String, HttpClient> clients,
                             double rate, Duration duration, RedisServer redis) throws Exception {
        producers.admin("DELETE", "/sandbox/admin/producers", null);
        ReplicaCounts before = counts(gateways);
        int n = gateways.size();
        Map<Consumer, List<CompletableFuture<OpenLoad.Outcome>>> runs = new HashMap<>();
        for (Consumer c : REALISTIC_CONSUMERS) {
            double share = rate * (c.interactive() ? 0.25 / 4 : 0.75 / 2) / n;
            for (int r = 0; r < n; r++) {
                int replica = r;
                runs.computeIfAbsent(c, k -> new ArrayList<>()).add(CompletableFuture.supplyAsync(() -> {
                    try {
                        // Replica r gets lookups r, r + n, r + 2n … of the consumer's one sequence: together, the same load whatever n.
                        return OpenLoad.run(vertx, clients.get(c.certificate()), GatewayProcess.API + 10 * replica, share, duration,
                                i -> realisticLookup(c, i * n + replica));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        }
        String note = "";
        if (redis != null) {
            Thread.sleep(20_000);
            redis.kill();
            long killed = System.nanoTime();
            Thread.sleep(10_000);
            int ready = 0;
            int sharing = 0;
            for (GatewayProcess gateway : gateways) {
                ready += gateway.readiness() == 200 ? 1 : 0;
                sharing += gateway.metric("gateway_cluster_redis_available") == 1 ? 1 : 0;
            }
            long noticed = (System.nanoTime() - killed) / 1_000_000;
            Thread.sleep(Math.max(0, 20_000 - noticed));
            redis.restart();
            pin(redis.pid(), "0");
            long restarted = System.nanoTime();
            long back = -1;
            while (System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(15)) {
                boolean all = true;
                for (GatewayProcess gateway : gateways) {
                    all &= gateway.metric("gateway_cluster_redis_available") == 1;
                }
                if (all) {
                    back = (System.nanoTime() - restarted) / 1_000_000;
                    break;
                }
                Thread.sleep(100);
            }
            note = String.format(Locale.ROOT, "10 s after the kill, readiness UP on %d of %d, sharing on %d; all sharing again %s after the restart",
                    ready, n, sharing, back < 0 ? "not within 15 s" : back + " ms");
        }
        Histogram interactive = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Histogram batch = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        long sent = 0;
        long complete = 0;
        long failed = 0;
        long answers = 0;
        long[] refused = new long[2];
        long[] answered = new long[2];
        for (var consumer : runs.entrySet()) {
            int k = consumer.getKey().interactive() ? 0 : 1;
            for (CompletableFuture<OpenLoad.Outcome> run : consumer.getValue()) {
                OpenLoad.Outcome o = run.join();
                (k == 0 ? interactive : batch).add(o.latency);
                sent += o.sent;
                complete += o.ok.get() - o.partial.get();
                failed += o.failed.get();
                answers += o.ok.get() + o.failed.get();
                refused[k] += o.quotaRefused.get();
                answered[k] += o.ok.get() + o.failed.get();
            }
        }
        ReplicaCounts after = counts(gateways);
        JsonNode scb = new ObjectMapper().readTree(producers.admin("GET", "/sandbox/admin/quotas", null)).path("scb");
        long window = scb.path("mostInAnyWindow").asLong();
        long tooMany = scb.path("refused").asLong();
        double reads = after.localHits() - before.localHits() + after.misses() - before.misses();
        line(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.1f %% | %.1f %% / %.1f %% | %.1f %% / %.1f %% | %.2f | %.1f / %.1f | %.2f | %.0f |",
                deployment.label() + (redis != null ? ", Redis killed 20–40 s" : ""), rate, sent, window, tooMany, 100.0 * complete / Math.max(1, sent),
                100.0 * refused[0] / Math.max(1, answered[0]), 100.0 * refused[1] / Math.max(1, answered[1]),
                100.0 * (after.localHits() - before.localHits()) / Math.max(1, reads), 100.0 * (after.sharedHits() - before.sharedHits()) / Math.max(1, reads),
                (double) producerCalls(producers) / Math.max(1, sent),
                interactive.getValueAtPercentile(99) / 1000.0, batch.getValueAtPercentile(99) / 1000.0,
                (after.cpuSeconds() - before.cpuSeconds()) * 1000 / Math.max(1, answers), after.redisFailures() - before.redisFailures()));
        return new Step(sent, failed, window, tooMany, note);
    }

    /** The replicas' counts summed: process CPU, producer-answer cache reads, hits through Redis, Redis failures, round trips by operation. */
    private static ReplicaCounts counts(List<GatewayProcess> gateways) throws Exception {
        double cpu = 0;
        double hits = 0;
        double misses = 0;
        double shared = 0;
        double failures = 0;
        Map<String, Map<String, Double>> roundTrips = new HashMap<>();
        for (GatewayProcess gateway : gateways) {
            cpu += gateway.cpuSeconds();
            for (String line : gateway.metrics().split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("cache_gets_total{") && line.contains("cache=\"producer-answers\"")) {
                    if (line.contains("result=\"hit\"")) {
                        hits += value;
                    } else if (line.contains("result=\"miss\"")) {
                        misses += value;
                    }
                } else if (line.startsWith("gateway_cache_shared_total{") && line.contains("outcome=\"hit\"")) {
                    shared += value;
                } else if (line.startsWith("gateway_cluster_redis_failures_total")) {
                    failures += value;
                } else if (line.startsWith("gateway_cluster_redis_seconds_")) {
                    String operation = line.replaceAll(".*operation=\"([^\"]+)\".*", "$1");
                    Map<String, Double> histogram = roundTrips.computeIfAbsent(operation, k -> new TreeMap<>());
                    if (line.startsWith("gateway_cluster_redis_seconds_count")) {
                        histogram.merge("count", value, Double::sum);
                    } else if (line.startsWith("gateway_cluster_redis_seconds_bucket{")) {
                        String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
                        histogram.merge("le:" + (le.equals("+Inf") ? "Infinity" : le), value, Double::sum);
                    }
                }
            }
        }
        return new ReplicaCounts(cpu, hits, misses, shared, failures, roundTrips);
    }

    /** Confines every thread of a process (this generator, Redis) to a CPU list, where taskset exists. */
    private static void pin(long pid, String cpus) {
        try {
            new ProcessBuilder("taskset", "-a", "-pc", cpus, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception noTaskset) {
            System.out.println("taskset unavailable: process " + pid + " is not pinned");
        }
    }

    // --- 6. The SSBTGU SOAP path beside the JSON path: same company, same 16 items, same gateway, alternating steps ---
    private static final List<String> SIXTEEN = List.of("UD0001", "UD0002", "UD0003", "UD0004", "UD0006", "UD0011", "UD0012", "UD0014",
            "UD0025", "UD0026", "UD0027", "UD0028", "UD0040", "UD0045", "UD0046", "UD0048");

    private void soap() throws Exception {
        int rate = 100;
        Duration step = Duration.ofSeconds(Math.max(10, STEP.toSeconds() * 2 / 3));
        line("## 6. SSBTGU SOAP beside JSON: the same 16 items, " + rate + " lookups/s, " + step.toSeconds()
                + " s steps alternating JSON and SOAP twice on one warmed gateway (per row: the median step)");
        line("");
        line("| lookups | path | p50 / p99 (ms) | CPU ms per lookup (gateway process, sandbox included) |");
        line("|---|---|---|---|");
        String soapTemplate = Files.readString(Path.of("docs/ssbtgu-request.xml"));
        for (boolean cached : new boolean[] {true, false}) {
            List<String> properties = cached ? withLatencies() : withLatencies("gateway.cache.ttl=0s");
            try (GatewayProcess gateway = GatewayProcess.start(cached ? "soap-cached" : "soap-uncached", properties)) {
                HttpClient consumer = client("consumer-exempelby");
                LongFunction<OpenLoad.Request> json = sixteenItemsJson(cached);
                LongFunction<OpenLoad.Request> soap = sixteenItemsSoap(cached, soapTemplate);
                warmUp(consumer, rate, json, soap);
                closeBreakers(gateway, consumer);
                Map<String, List<double[]>> steps = new TreeMap<>();
                for (int round = 0; round < 2; round++) {
                    for (String path : List.of("JSON", "SOAP")) {
                        double cpuBefore = gateway.cpuSeconds();
                        OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, step, path.equals("JSON") ? json : soap);
                        double cpuMs = (gateway.cpuSeconds() - cpuBefore) * 1000 / Math.max(1, o.ok.get() + o.failed.get());
                        steps.computeIfAbsent(path, k -> new ArrayList<>()).add(new double[] {o.ms(50), o.ms(99), cpuMs, o.failed.get()});
                    }
                }
                double[] jsonRow = median(steps.get("JSON"));
                double[] soapRow = median(steps.get("SOAP"));
                for (String path : List.of("JSON", "SOAP")) {
                    double[] row = path.equals("JSON") ? jsonRow : soapRow;
                    line(String.format(Locale.ROOT, "| %s | %s | %.1f / %.1f | %.2f |", cached ? "cached" : "uncached", path, row[0], row[1], row[2]));
                }
                target(soapRow[1] <= jsonRow[1] + 1, String.format(Locale.ROOT, "SOAP p99 within +1 ms of JSON (%s): %.1f vs %.1f ms",
                        cached ? "cached" : "uncached", soapRow[1], jsonRow[1]));
                target(soapRow[2] <= jsonRow[2] * 1.10, String.format(Locale.ROOT, "SOAP CPU within +10 %% of JSON (%s): %.2f vs %.2f ms per lookup",
                        cached ? "cached" : "uncached", soapRow[2], jsonRow[2]));
            }
        }
        line("");
    }

    // --- 7. CPU per lookup: the gateway alone on core 1; producers (own process) and this generator on core 0 ---
    private static final int PRODUCERS_API = 18543;
    private static final int PRODUCERS_MANAGEMENT = 19100;

    private void cpu() throws Exception {
        line("## 7. CPU per lookup: the gateway alone on core 1; the simulated producers (same jar, its own process) and this load generator on core 0");
        line("");
        line("Each figure: CPU time of the process ÷ answers, per 10 s step; three rounds of JSON and SOAP after a warm-up that runs until "
                + "two consecutive 5 s windows differ by less than 5 % (at most 60 s). Median, and the spread over the rounds.");
        line("");
        line("| lookups | path | rate/s | CPU ms per lookup (median, min–max) | p50 / p99 (ms) |");
        line("|---|---|---|---|---|");
        pinThisProcess("0");
        String soapTemplate = Files.readString(Path.of("docs/ssbtgu-request.xml"));
        Map<String, Double> medians = new HashMap<>();
        String cachedBody = null;
        try (GatewayProcess producers = GatewayProcess.start("producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0", withLatencies())) {
            for (boolean cached : new boolean[] {true, false}) {
                int rate = cached ? 200 : 100;
                try (GatewayProcess gateway = GatewayProcess.start(cached ? "cpu-cached" : "cpu-uncached", GatewayProcess.API, GatewayProcess.MANAGEMENT, "1",
                        againstProducerProcess(cached))) {
                    HttpClient consumer = client("consumer-exempelby", 32);
                    LongFunction<OpenLoad.Request> json = sixteenItemsJson(cached);
                    LongFunction<OpenLoad.Request> soap = sixteenItemsSoap(cached, soapTemplate);
                    warmUp(consumer, rate, json, soap);
                    settle(gateway, consumer, rate, json, soap);
                    closeBreakers(gateway, consumer);
                    Map<String, List<double[]>> rounds = new TreeMap<>();
                    for (int round = 0; round < 3; round++) {
                        for (String path : round % 2 == 0 ? List.of("JSON", "SOAP") : List.of("SOAP", "JSON")) {
                            rounds.computeIfAbsent(path, k -> new ArrayList<>())
                                    .add(cpuPerLookup(gateway, consumer, rate, Duration.ofSeconds(10), path.equals("JSON") ? json : soap));
                        }
                    }
                    for (String path : List.of("JSON", "SOAP")) {
                        List<double[]> r = rounds.get(path);
                        double[] cpu = r.stream().mapToDouble(x -> x[0]).sorted().toArray();
                        double[] m = median(r);
                        medians.put((cached ? "cached " : "uncached ") + path, m[0]);
                        line(String.format(Locale.ROOT, "| %s | %s | %d | **%.2f** (%.2f–%.2f) | %.1f / %.1f |", cached ? "cached" : "uncached", path, rate,
                                m[0], cpu[0], cpu[cpu.length - 1], m[1], m[2]));
                    }
                    if (cached) {
                        cachedBody = capture(consumer, json.apply(0));
                    }
                }
            }
        }
        double nginxMs = Double.NaN;
        try (NginxProcess nginx = NginxProcess.start(cachedBody, "1")) {
            HttpClient consumer = client("consumer-exempelby");
            OpenLoad.Request same = new OpenLoad.Request("/api/v1/lookup", "SERVTILLSTBV",
                    "{\"identity\":\"5595267773\",\"items\":[\"" + String.join("\",\"", SIXTEEN) + "\"]}");
            OpenLoad.run(vertx, consumer, NginxProcess.PORT, 200, Duration.ofSeconds(5), i -> same);
            double[] cpu = new double[3];
            for (int round = 0; round < 3; round++) {
                double before = nginx.cpuSeconds();
                OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, NginxProcess.PORT, 200, Duration.ofSeconds(10), i -> same);
                cpu[round] = (nginx.cpuSeconds() - before) * 1000 / Math.max(1, o.ok.get() + o.failed.get());
            }
            Arrays.sort(cpu);
            nginxMs = cpu[1];
            line(String.format(Locale.ROOT, "| nginx: the same cached JSON answer as a file, same mutual TLS | JSON | 200 | **%.3f** (%.3f–%.3f) | — |",
                    cpu[1], cpu[0], cpu[2]));
        } catch (IllegalStateException unavailable) {
            line("nginx: " + unavailable.getMessage());
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        line("");
        double cachedJson = medians.get("cached JSON");
        target(cachedJson <= 0.25, String.format(Locale.ROOT, "cached lookup CPU: %.2f ms (target ≤ 0.25 ms)", cachedJson));
        target(cachedJson <= 3 * nginxMs, String.format(Locale.ROOT, "cached lookup CPU within 3× nginx's per request: %.2f vs %.3f ms, %.1f× (target ≤ 3×)",
                cachedJson, nginxMs, cachedJson / nginxMs));
        target(medians.get("uncached JSON") <= 1, String.format(Locale.ROOT, "uncached lookup CPU: %.2f ms (target ≤ 1 ms)", medians.get("uncached JSON")));
        for (String kind : List.of("cached", "uncached")) {
            double j = medians.get(kind + " JSON");
            double x = medians.get(kind + " SOAP");
            target(x <= j * 1.10, String.format(Locale.ROOT, "SOAP CPU within +10 %% of JSON, %s, gateway alone: %.2f vs %.2f ms", kind, x, j));
        }
        line("");
    }

    // --- 8. Cold start: a fresh gateway under steady uncached load from the moment it reports ready ---
    private static final Path JDK25 = Path.of(System.getProperty("bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
    private static final int COLD_RATE = 250;
    private static final Duration COLD_RUN = Duration.ofSeconds(60);

    private void coldStart() throws Exception {
        line("## 8. Cold start: a fresh gateway (core 1) put under " + COLD_RATE + " uncached lookups/s (about half its capacity by "
                + "scenario 7's CPU figure) from the moment it reports ready; producers as their own process (core 0)");
        line("");
        line("Steady p99: the last 20 s of the " + COLD_RUN.toSeconds() + " s run. Settled: the first second from which every "
                + "second's p99 stays within 2× of it. Latency counted from when each request was due. Collapse: more than 1 % "
                + "errors, under 90 % of the rate achieved, or a second whose p99 passes the lookup deadline (2 s).");
        line("");
        line("| JVM | priming | start to ready (s) | steady p99 (ms) | settled after (s) | worst 1-s p99 before (ms) | p99 of the first 10 s (ms) | errors | partial | collapse |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        pinThisProcess("0");
        String jdk17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String[]> variants = new ArrayList<>();
        variants.add(new String[] {"JDK 17", "off", jdk17, ""});
        variants.add(new String[] {"JDK 17", "on", jdk17, ""});
        if (Files.isExecutable(JDK25)) {
            variants.add(new String[] {"JDK 25", "on", JDK25.toString(), ""});
            variants.add(new String[] {"JDK 25 + AOT cache", "on", JDK25.toString(), "aot"});
        } else {
            line("(JDK 25 not found at " + JDK25 + ": its rows are left out; -Dbench.jdk25=… names another)");
        }
        // -Dbench.coldVariants=1,3 runs only those rows (counted from 0), e.g. while profiling one of them.
        String only = System.getProperty("bench.coldVariants");
        if (only != null && !only.isBlank()) {
            List<String[]> chosen = new ArrayList<>();
            for (String index : only.split(",")) {
                chosen.add(variants.get(Integer.parseInt(index.strip())));
            }
            variants = chosen;
        }
        try (GatewayProcess producers = GatewayProcess.start("producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0", withLatencies())) {
            for (String[] variant : variants) {
                List<String> jvm = new ArrayList<>();
                if (!variant[2].equals(jdk17)) {
                    jvm.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
                }
                if (variant[3].equals("aot")) {
                    trainAotCache(variant[2]);
                    jvm.add("-XX:AOTCache=target/quarkus-app/app.aot");
                }
                List<String> properties = againstProducerProcess(false);
                properties.add("gateway.priming.enabled=" + variant[1].equals("on"));
                try (GatewayProcess gateway = GatewayProcess.start("cold", GatewayProcess.API, GatewayProcess.MANAGEMENT, "1", properties,
                        variant[2], jvm)) {
                    HttpClient consumer = client("consumer-exempelby", 128);
                    OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, COLD_RATE, COLD_RUN, this::lookupAll);
                    int seconds = (int) COLD_RUN.toSeconds();
                    double[] p99 = new double[seconds];
                    for (int s = 0; s < seconds; s++) {
                        var h = o.perSecondLatency.get(s);
                        p99[s] = h == null ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
                    }
                    Histogram tail = new Histogram(3);
                    Histogram first10 = new Histogram(3);
                    for (int s = 0; s < seconds; s++) {
                        Histogram second = o.perSecondLatency.get(s);
                        if (second != null && s >= seconds - 20) {
                            tail.add(second);
                        } else if (second != null && s < 10) {
                            first10.add(second);
                        }
                    }
                    double steady = tail.getValueAtPercentile(99) / 1000.0;
                    int settled = seconds;
                    for (int s = seconds - 1; s >= 0 && !(p99[s] > 2 * steady); s--) {
                        settled = s;
                    }
                    double worst = 0;
                    for (int s = 0; s < settled; s++) {
                        worst = Math.max(worst, Double.isNaN(p99[s]) ? 0 : p99[s]);
                    }
                    boolean collapse = o.achievedRate() < 0.9 * COLD_RATE || o.failed.get() > o.sent / 100 || worst > 2000;
                    line(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %d | %s | %.1f | %d | %d | %s |", variant[0], variant[1],
                            gateway.readyAfterMillis / 1000.0, steady, settled, settled == 0 ? "—" : String.format(Locale.ROOT, "%.1f", worst),
                            first10.getValueAtPercentile(99) / 1000.0, o.failed.get(), o.partial.get(), collapse ? "**yes**" : "no"));
                    if (variant[3].equals("aot") || (variants.size() == 2 && variant[1].equals("on"))) {
                        target(settled <= 10 && !collapse, String.format(Locale.ROOT, "cold pod (%s, priming on): p99 within 2× of steady "
                                + "state after %d s under ~50 %% load, no collapse: %s (target ≤ 10 s)", variant[0], settled, collapse ? "collapsed" : "held"));
                    }
                }
            }
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        line("");
    }

    /** tools/aot-cache.sh with the given JDK and the benchmark's heap: target/quarkus-app/app.aot. */
    private static void trainAotCache(String java) throws Exception {
        ProcessBuilder training = new ProcessBuilder("bash", "tools/aot-cache.sh").redirectErrorStream(true)
                .redirectOutput(OUT.resolve("aot-training.log").toFile());
        training.environment().put("JAVA", java);
        training.environment().put("JAVA_OPTS", String.join(" ", GatewayProcess.POD_JVM));
        if (training.start().waitFor() != 0) {
            throw new IllegalStateException("tools/aot-cache.sh failed; see target/bench/aot-training.log");
        }
    }

    /** A gateway without its own sandbox, calling the producers' process; {@code cached}: false sets the cache's TTL to 0. */
    private static List<String> againstProducerProcess(boolean cached) {
        List<String> properties = new ArrayList<>(List.of("gateway.sandbox.enabled=false",
                "quarkus.rest-client.bolagsverket.url=https://localhost:" + PRODUCERS_API + "/sandbox/bolagsverket",
                "gateway.producers.bolagsverket.oauth2.token-url=https://localhost:" + PRODUCERS_API + "/sandbox/bolagsverket/oauth2/token",
                "quarkus.rest-client.scb.url=https://localhost:" + PRODUCERS_API + "/sandbox/scb",
                "quarkus.rest-client.skatteverket.url=https://localhost:" + PRODUCERS_API + "/sandbox/skatteverket",
                // Without it the dev profile's default pointed Företagsinformation at the gateway itself: every lookup of its
                // items made a refused call to the gateway's own API (since issue 19; found by scenario 7 on 2026-12-01).
                "quarkus.rest-client.foretagsinformation.url=https://localhost:" + PRODUCERS_API
                        + "/sandbox/bolagsverket/foretagsinformation/v4"));
        if (!cached) {
            properties.add("gateway.cache.ttl=0s");
        }
        return properties;
    }

    // --- 9. Audit stores side by side: the same cached load with the journal and with PostgreSQL ---
    private static final int[] AUDIT_RATES = {250, 750, 1250};

    private void auditStores() throws Exception {
        line("## 9. Audit stores: the journal (fsync per batch) and PostgreSQL (one transaction per batch), same load");
        line("");
        line("Cached 16-item JSON lookups, so the audit record is most of the work; the gateway alone on core 1; the simulated producers, "
                + "PostgreSQL 15 (a fresh cluster on loopback: fsync on, synchronous_commit on) and this generator on core 0. "
                + "Warm-up 30 s per store, then 10 s per rate. Records/s and commit time from the gateway's own metrics "
                + "(gateway_audit_commit, the time from hand-over until durable; gateway_audit_batch_size).");
        line("");
        line("| store | rate/s | records/s | records per commit | commit p50 / p99 (ms) | lookup p50 / p99 (ms) | CPU ms per lookup | errors |");
        line("|---|---|---|---|---|---|---|---|");
        pinThisProcess("0");
        PostgresServer postgres = PostgresServer.shared();   // started from this pinned process: its processes share core 0
        try (GatewayProcess producers = GatewayProcess.start("audit-producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0", withLatencies())) {
            for (String store : List.of("journal", "postgresql")) {
                List<String> properties = new ArrayList<>(againstProducerProcess(true));
                if (store.equals("postgresql")) {
                    postgres.createDatabase("audit_bench");
                    postgres.gatewayConfig("audit_bench", "bench-pod-0").forEach((k, v) -> properties.add(k + "=" + v));
                }
                try (GatewayProcess gateway = GatewayProcess.start("audit-" + store, GatewayProcess.API, GatewayProcess.MANAGEMENT, "1", properties)) {
                    HttpClient consumer = client("consumer-exempelby", 32);
                    LongFunction<OpenLoad.Request> json = sixteenItemsJson(true);
                    for (int warm : new int[] {50, 250, 750}) {
                        OpenLoad.run(vertx, consumer, GatewayProcess.API, warm, Duration.ofSeconds(10), json);
                    }
                    for (int rate : AUDIT_RATES) {
                        Map<String, Double> before = auditMetrics(gateway.metrics());
                        double cpuBefore = gateway.cpuSeconds();
                        OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, Duration.ofSeconds(10), json);
                        double cpu = gateway.cpuSeconds() - cpuBefore;
                        Map<String, Double> after = auditMetrics(gateway.metrics());
                        double records = after.get("count") - before.get("count");
                        double batches = after.get("batches") - before.get("batches");
                        line(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.2f / %.2f | %.2f / %.2f | %.2f | %d |", store, rate, records / 10,
                                batches == 0 ? 0 : (after.get("batchSum") - before.get("batchSum")) / batches,
                                deltaPercentile(before, after, 50), deltaPercentile(before, after, 99), o.ms(50), o.ms(99),
                                cpu * 1000 / Math.max(1, o.ok.get() + o.failed.get()), o.failed.get()));
                    }
                }
            }
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        line("");
        line("The stores alone, without HTTP (what a store can take when many lookups finish at once): appends from this process, "
                + "with 1, 16 and 256 always outstanding, 10 s each; the store's writer thread and PostgreSQL on the same two cores.");
        line("");
        line("| store | outstanding | records/s | records per commit | commit p50 / p99 / max (ms) |");
        line("|---|---|---|---|---|");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.createDatabase("audit_store_bench"));
        dataSource.setUser(PostgresServer.OWNER);
        dataSource.setPassword(PostgresServer.PASSWORD);
        Flyway.configure().dataSource(dataSource).placeholders(Map.of("writer_role", PostgresServer.WRITER, "maintenance_role", PostgresServer.MAINTENANCE))
                .load().migrate();
        for (String store : List.of("journal", "postgresql")) {
            for (int outstanding : new int[] {1, 16, 256}) {
                TestFiles.deleteRecursively(OUT.resolve("audit-store-" + outstanding));
                StoreLoad.Outcome o = store.equals("journal")
                        ? StoreLoad.journal(OUT.resolve("audit-store-" + outstanding), outstanding, Duration.ofSeconds(10))
                        : StoreLoad.postgres(dataSource, "bench-" + outstanding, outstanding, Duration.ofSeconds(10));
                line(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.2f / %.2f / %.1f |", store, outstanding, o.recordsPerSecond(),
                        (double) o.records() / Math.max(1, o.commits()), o.micros().getValueAtPercentile(50) / 1000.0,
                        o.micros().getValueAtPercentile(99) / 1000.0, o.micros().getMaxValue() / 1000.0));
            }
        }
        line("");
    }

    /** The audit meters: commit count, batch count and sum, and the commit histogram's cumulative buckets (key "le:" + bound). */
    private static Map<String, Double> auditMetrics(String metrics) {
        Map<String, Double> values = new TreeMap<>();
        values.put("count", 0.0);
        values.put("batches", 0.0);
        values.put("batchSum", 0.0);
        for (String line : metrics.split("\n")) {
            double value = line.startsWith("#") ? 0 : Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("gateway_audit_commit_seconds_count")) {
                values.put("count", value);
            } else if (line.startsWith("gateway_audit_batch_size_count")) {
                values.put("batches", value);
            } else if (line.startsWith("gateway_audit_batch_size_sum")) {
                values.put("batchSum", value);
            } else if (line.startsWith("gateway_audit_commit_seconds_bucket{")) {
                String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
                values.put("le:" + (le.equals("+Inf") ? "Infinity" : le), value);
            }
        }
        return values;
    }

    /** A percentile (ms) of the commits between two snapshots, from the histogram's bucket differences. */
    private static double deltaPercentile(Map<String, Double> before, Map<String, Double> after, double percentile) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        after.forEach((key, value) -> {
            if (key.startsWith("le:")) {
                buckets.put(Double.parseDouble(key.substring(3)), value - before.getOrDefault(key, 0.0));
            }
        });
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        for (var bucket : buckets.entrySet()) {
            if (total > 0 && bucket.getValue() >= percentile / 100 * total) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    // --- profile (only when asked for: BENCH_ONLY=profile): JFR recordings of the warmed gateway under scenario 7's loads ---
    private void profile() throws Exception {
        pinThisProcess("0");
        String soapTemplate = Files.readString(Path.of("docs/ssbtgu-request.xml"));
        Path settings = OUT.resolve("profile-1ms.jfc");
        // The JDK's "profile" settings, sampling Java code every millisecond instead of every 10 or 20.
        Files.writeString(settings, Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"))
                .replaceAll("(<event name=\"jdk.ExecutionSample\">[\\s\\S]*?<setting name=\"period\"[^>]*>)[^<]*<", "$11 ms<"));
        try (GatewayProcess producers = GatewayProcess.start("producers", PRODUCERS_API, PRODUCERS_MANAGEMENT, "0", withLatencies())) {
            for (boolean cached : new boolean[] {true, false}) {
                int rate = cached ? 200 : 100;
                try (GatewayProcess gateway = GatewayProcess.start(cached ? "profile-cached" : "profile-uncached", GatewayProcess.API,
                        GatewayProcess.MANAGEMENT, "1", againstProducerProcess(cached))) {
                    HttpClient consumer = client("consumer-exempelby", 32);
                    LongFunction<OpenLoad.Request> json = sixteenItemsJson(cached);
                    LongFunction<OpenLoad.Request> soap = sixteenItemsSoap(cached, soapTemplate);
                    warmUp(consumer, rate, json, soap);
                    for (int i = 0; i < 4; i++) {
                        OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, Duration.ofSeconds(10), i % 2 == 0 ? json : soap);
                    }
                    for (String path : List.of("json", "soap")) {
                        Path file = OUT.resolve("profile-" + (cached ? "cached-" : "uncached-") + path + ".jfr").toAbsolutePath();
                        gateway.jcmd("JFR.start", "name=p", "settings=" + settings.toAbsolutePath());
                        double before = gateway.cpuSeconds();
                        OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, STEP, path.equals("json") ? json : soap);
                        double cpu = (gateway.cpuSeconds() - before) * 1000 / Math.max(1, o.ok.get() + o.failed.get());
                        gateway.jcmd("JFR.stop", "name=p", "filename=" + file);
                        line(String.format(Locale.ROOT, "profile %s: %.2f ms CPU per lookup while recording; %s", path, cpu, file));
                    }
                }
            }
        } finally {
            pinThisProcess("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
    }

    private String capture(HttpClient client, OpenLoad.Request request) {
        return client.request(HttpMethod.POST, GatewayProcess.API, "localhost", request.path())
                .compose(r -> r.putHeader("Content-Type", "application/json").putHeader("X-Service-Name", request.serviceName())
                        .send(request.body()).compose(resp -> resp.body()))
                .map(Object::toString).toCompletionStage().toCompletableFuture().join();
    }

    /** One step: {CPU ms per answer of the gateway process, p50 ms, p99 ms}. */
    private double[] cpuPerLookup(GatewayProcess gateway, HttpClient consumer, int rate, Duration length,
                                  LongFunction<OpenLoad.Request> request) throws Exception {
        double before = gateway.cpuSeconds();
        OpenLoad.Outcome o = OpenLoad.run(vertx, consumer, GatewayProcess.API, rate, length, request);
        return new double[] {(gateway.cpuSeconds() - before) * 1000 / Math.max(1, o.ok.get() + o.failed.get()), o.ms(50), o.ms(99)};
    }

    /** Confines every thread of this JVM (the load generator) to the given CPUs, where taskset exists. */
    private static void pinThisProcess(String cpus) {
        pin(ProcessHandle.current().pid(), cpus);
    }

    /** The 16-item question of docs/ssbtgu-request.xml, as JSON. */
    private LongFunction<OpenLoad.Request> sixteenItemsJson(boolean cached) {
        return i -> new OpenLoad.Request("/api/v1/lookup", "SERVTILLSTBV",
                "{\"identity\":\"" + company(cached, i) + "\",\"items\":[\"" + String.join("\",\"", SIXTEEN) + "\"]}");
    }

    /** The same question as the SSBTGU SOAP call in docs/ssbtgu-request.xml. */
    private LongFunction<OpenLoad.Request> sixteenItemsSoap(boolean cached, String soapTemplate) {
        return i -> new OpenLoad.Request("/ssbtgu/v2", null, soapTemplate.replace("5595267773", company(cached, i)));
    }

    /** Both paths at rising rates, 5 s each: a cold JVM at full rate would measure its own warm-up. */
    private void warmUp(HttpClient consumer, int rate, LongFunction<OpenLoad.Request> json, LongFunction<OpenLoad.Request> soap)
            throws InterruptedException {
        for (int warm : new int[] {25, 50, rate}) {
            OpenLoad.run(vertx, consumer, GatewayProcess.API, warm, Duration.ofSeconds(5), json);
            OpenLoad.run(vertx, consumer, GatewayProcess.API, warm, Duration.ofSeconds(5), soap);
        }
    }

    /**
     * Runs 5 s windows (alternating the two kinds of request) until the gateway's CPU per lookup of two consecutive
     * windows of the same kind differs by less than 5 %, at most a minute: the JIT has then settled.
     */
    private void settle(GatewayProcess gateway, HttpClient consumer, int rate, LongFunction<OpenLoad.Request> json,
                        LongFunction<OpenLoad.Request> soap) throws Exception {
        double previous = Double.NaN;
        for (int window = 0; window < 12; window++) {
            double now = cpuPerLookup(gateway, consumer, rate, Duration.ofSeconds(5), window % 2 == 0 ? json : soap)[0];
            if (window % 2 == 1 && !Double.isNaN(previous) && Math.abs(now - previous) / now < 0.05) {
                return;
            }
            if (window % 2 == 1) {
                previous = now;
            }
        }
    }

    /**
     * Until no producer breaker is open or half-open (at most 30 s): a warm-up can trip them, and a breaker leaves the
     * open state only when calls come, so lookups of healthy companies are sent (20/s) as trial traffic. False if they
     * did not all close in that time.
     */
    private boolean closeBreakers(GatewayProcess gateway, HttpClient consumer) throws Exception {
        for (int second = 0; second < 30; second++) {
            if (!gateway.anyBreakerOpen()) {
                return true;
            }
            OpenLoad.run(vertx, consumer, GatewayProcess.API, 20, Duration.ofSeconds(1), this::lookupAll);
        }
        return !gateway.anyBreakerOpen();
    }

    /** Cached: one company, answered from the cache after the first lookup. Uncached: every healthy company in turn. */
    private String company(boolean cached, long i) {
        return cached ? "5595267773" : companies.get((int) (i % companies.size()));
    }

    /** Per column, the median of the steps (two steps: their mean). */
    private static double[] median(List<double[]> rows) {
        double[] result = new double[rows.get(0).length];
        for (int c = 0; c < result.length; c++) {
            final int column = c;
            double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
            result[c] = values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }
        return result;
    }

    private static List<String> forEveryProducer(String... properties) {
        List<String> expanded = new ArrayList<>();
        for (String property : properties) {
            if (property.contains("%s")) {
                for (String producer : List.of("bolagsverket", "scb", "skatteverket")) {
                    expanded.add(String.format(property, producer));
                }
            } else {
                expanded.add(property);
            }
        }
        return expanded;
    }

    private static String connectionCounts(String json) {
        Map<String, String> counts = new HashMap<>();
        var matcher = Pattern.compile("\"([a-z]+)\":(\\d+)").matcher(json);
        while (matcher.find()) {
            counts.put(matcher.group(1), matcher.group(2));
        }
        return counts.getOrDefault("bolagsverket", "0") + " / " + counts.getOrDefault("scb", "0") + " / " + counts.getOrDefault("skatteverket", "0");
    }

    private OpenLoad.Request isolationLookup(long i, List<String> faulty) {
        if (i % 20 == 10) {
            return new OpenLoad.Request("/api/v1/lookup", "SERVTILLSTBV", "{\"identity\":\"" + faulty.get((int) (i / 20 % faulty.size())) + "\"}", true);
        }
        return lookupAll(i);
    }

    private void memory(GatewayProcess gateway, String scenario) throws Exception {
        long rss = gateway.rssMb();
        line("");
        line("Memory after " + scenario + ": RSS " + rss + " MB, heap used " + gateway.heapUsedMb() + " MB. "
                + String.format(Locale.ROOT, "Server-side (the gateway's own histograms, whole scenario): lookup p99 ≤ %.1f ms, audit commit p99 ≤ %.1f ms.",
                gateway.histogramPercentileMs("http_server_requests_seconds", "uri=\"/api/v1/lookup\"", 99),
                gateway.histogramPercentileMs("gateway_audit_commit_seconds", "", 99)));
        target(rss <= 300, "RSS after " + scenario + ": " + rss + " MB (target ≤ 300 MB)");
    }

    private void admin(GatewayProcess gateway, String method, String path, String body) {
        try {
            gateway.admin(method, path, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String captureAnswer(HttpClient client, String company) throws Exception {
        return client.request(io.vertx.core.http.HttpMethod.POST, GatewayProcess.API, "localhost", "/api/v1/lookup")
                .compose(r -> r.putHeader("Content-Type", "application/json").putHeader("X-Service-Name", "SERVTILLSTBV")
                        .send(lookupOne(company).body()).compose(resp -> resp.body()))
                .map(Object::toString).toCompletionStage().toCompletableFuture().join();
    }

    private OpenLoad.Outcome run(HttpClient client, int rate, LongFunction<OpenLoad.Request> request) {
        return run(client, GatewayProcess.API, rate, request);
    }

    private OpenLoad.Outcome run(HttpClient client, int port, int rate, LongFunction<OpenLoad.Request> request) {
        try {
            return OpenLoad.run(vertx, client, port, rate, STEP, request);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private OpenLoad.Request lookupAll(long i) {
        return lookupAll(companies.get((int) (i % companies.size())));
    }

    private static OpenLoad.Request lookupAll(String company) {
        return new OpenLoad.Request("/api/v1/lookup", "SERVTILLSTBV", "{\"identity\":\"" + company + "\"}");
    }

    private static OpenLoad.Request lookupOne(String company) {
        return new OpenLoad.Request("/api/v1/lookup", "SERVTILLSTBV", "{\"identity\":\"" + company + "\",\"items\":[\"UD0001\",\"UD0002\",\"UD0029\"]}");
    }

    private OpenLoad.Request skatteverketDirect(long i) {
        return new OpenLoad.Request("/sandbox/skatteverket/v1/registreringar", null,
                "{\"identitetsbeteckning\":\"" + companies.get((int) (i % companies.size())) + "\"}");
    }

    private static List<String> withLatencies(String... more) {
        List<String> properties = new ArrayList<>(PRODUCER_LATENCIES);
        properties.addAll(List.of(more));
        return properties;
    }

    private HttpClient client(String certificate) {
        return client(certificate, 256);
    }

    /**
     * An HTTP/1.1 consumer with at most {@code connections} keep-alive connections, never closed for being idle: a
     * platform calling steadily keeps its connections, and a handshake per evicted connection is not a lookup's cost.
     */
    private HttpClient client(String certificate, int connections) {
        return vertx.createHttpClient(options(certificate).setProtocolVersion(HttpVersion.HTTP_1_1).setMaxPoolSize(connections)
                .setKeepAliveTimeout(0));
    }

    private HttpClient http2Client(String certificate) {
        return vertx.createHttpClient(options(certificate).setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true)
                .setHttp2MaxPoolSize(20).setHttp2MultiplexingLimit(100));
    }

    private static HttpClientOptions options(String certificate) {
        return new HttpClientOptions().setSsl(true).setVerifyHost(true).setConnectTimeout(10_000).setKeepAlive(true)
                .setKeyCertOptions(new PfxOptions().setPath(TestPki.p12(certificate)).setPassword(TestPki.PASSWORD))
                .setTrustOptions(new PfxOptions().setPath(TestPki.p12("truststore")).setPassword(TestPki.PASSWORD));
    }

    private void target(boolean holds, String text) {
        String entry = (holds ? "✅ holds: " : "❌ missed: ") + text;
        targets.add(entry);
        System.out.println(entry);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
