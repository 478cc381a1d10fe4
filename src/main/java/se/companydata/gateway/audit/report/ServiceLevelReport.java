package se.companydata.gateway.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import se.companydata.gateway.audit.AuditRecord;
import se.companydata.gateway.audit.AuditSource;

/**
 * The service-level figures a composite service reports per consumer e-service and period (what the
 * SSBTEK self-declaration asks): calls; shares answered, partial, refused and failed; latency p50 / p90 /
 * p99; per producer, the share of calls it was involved in that carried its error; unavailable minutes;
 * and a latency series (per hour for a period up to two days, else per day) for the chart.
 * <p>A minute is unavailable for a consumer when it made calls that were not refused and none of them
 * disclosed anything (failed, or every item withheld). Minutes the trail itself could not record (the
 * gateway refuses every answer then) leave no records: count them from the readiness history.
 */
public final class ServiceLevelReport {

    /** Producer errors, as opposed to a value that does not exist or is withheld by policy. */
    static final Set<String> PRODUCER_ERRORS = Set.of("OtillgangligUppgiftskalla", "Timeout", "OgiltigtSvar", "EjKomplettSvar", "Odefinierad");

    public record Report(Instant from, Instant to, String seriesStep, List<Consumer> consumers) {
    }

    public record Consumer(String organisationsnummer, String eService, long calls, long answered, long partial, long refused, long failed,
                           double answeredShare, double partialShare, double refusedShare, double failedShare, Latency latency,
                           Map<String, ProducerErrors> producers, long unavailableMinutes, List<Point> series) {
    }

    /** Milliseconds, over the calls that were not refused. */
    public record Latency(long p50, long p90, long p99, long max) {
    }

    public record ProducerErrors(long calls, long withError, double errorShare) {
    }

    public record Point(Instant start, long calls, long p50, long p90, long p99) {
    }

    private ServiceLevelReport() {
    }

    public static Report of(Instant from, Instant to, AuditSource source, ObjectMapper json) throws Exception {
        Duration step = Duration.between(from, to).compareTo(Duration.ofDays(2)) <= 0 ? Duration.ofHours(1) : Duration.ofDays(1);
        Map<String, Tally> tallies = new TreeMap<>();
        source.read(null, from, to, stored -> {
            AuditRecord r = json.readValue(stored.json(), AuditRecord.class);
            String key = (r.callerOrganisationsnummer() == null ? "-" : r.callerOrganisationsnummer()) + "/" + (r.tjanstenamn() == null ? "-" : r.tjanstenamn());
            tallies.computeIfAbsent(key, k -> new Tally(r.callerOrganisationsnummer(), r.tjanstenamn())).add(r, from, step);
        });
        List<Consumer> consumers = new ArrayList<>();
        for (Tally t : tallies.values()) {
            consumers.add(t.consumer(from, step));
        }
        return new Report(from, to, step.equals(Duration.ofHours(1)) ? "hour" : "day", consumers);
    }

    private static final class Tally {
        final String organisationsnummer;
        final String eService;
        long calls, answered, partial, refused, failed;
        long[] latencies = new long[64];
        long[] buckets = new long[64];
        int measured;
        final Map<String, long[]> producers = new TreeMap<>();
        /** Per minute: {calls not refused, of which disclosed something}. */
        final Map<Long, long[]> minutes = new HashMap<>();

        Tally(String organisationsnummer, String eService) {
            this.organisationsnummer = organisationsnummer;
            this.eService = eService;
        }

        void add(AuditRecord r, Instant from, Duration step) {
            calls++;
            switch (r.outcome()) {
                case ANSWERED -> answered++;
                case PARTIAL -> partial++;
                case REFUSED -> refused++;
                case FAILED -> failed++;
            }
            if (r.outcome() == AuditRecord.Outcome.REFUSED) {
                return;
            }
            if (measured == latencies.length) {
                latencies = Arrays.copyOf(latencies, measured * 2);
                buckets = Arrays.copyOf(buckets, measured * 2);
            }
            latencies[measured] = r.latencyMillis();
            buckets[measured++] = Duration.between(from, r.time()).toMillis() / step.toMillis();
            Map<String, Boolean> involved = new HashMap<>();
            if (r.disclosed() != null) {
                r.disclosed().forEach(d -> involved.putIfAbsent(d.producer(), false));
            }
            if (r.withheld() != null) {
                r.withheld().forEach(w -> involved.merge(w.producer(), PRODUCER_ERRORS.contains(w.errorType()), Boolean::logicalOr));
            }
            involved.forEach((producer, error) -> {
                long[] counts = producers.computeIfAbsent(producer, p -> new long[2]);
                counts[0]++;
                counts[1] += error ? 1 : 0;
            });
            long[] minute = minutes.computeIfAbsent(r.time().getEpochSecond() / 60, m -> new long[2]);
            minute[0]++;
            minute[1] += r.disclosed() != null && !r.disclosed().isEmpty() ? 1 : 0;
        }

        Consumer consumer(Instant from, Duration step) {
            long[] all = Arrays.copyOf(latencies, measured);
            Arrays.sort(all);
            Map<String, ProducerErrors> perProducer = new TreeMap<>();
            producers.forEach((p, c) -> perProducer.put(p, new ProducerErrors(c[0], c[1], share(c[1], c[0]))));
            long unavailable = minutes.values().stream().filter(m -> m[0] > 0 && m[1] == 0).count();
            TreeMap<Long, List<Long>> perBucket = new TreeMap<>();
            for (int i = 0; i < measured; i++) {
                perBucket.computeIfAbsent(buckets[i], b -> new ArrayList<>()).add(latencies[i]);
            }
            List<Point> series = new ArrayList<>();
            perBucket.forEach((bucket, values) -> {
                long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
                series.add(new Point(from.plus(step.multipliedBy(bucket)), sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99)));
            });
            return new Consumer(organisationsnummer, eService, calls, answered, partial, refused, failed, share(answered, calls),
                    share(partial, calls), share(refused, calls), share(failed, calls),
                    new Latency(rank(all, 50), rank(all, 90), rank(all, 99), all.length == 0 ? 0 : all[all.length - 1]),
                    perProducer, unavailable, series);
        }
    }

    /** Nearest-rank percentile of sorted values (0 when there are none). */
    public static long rank(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}
