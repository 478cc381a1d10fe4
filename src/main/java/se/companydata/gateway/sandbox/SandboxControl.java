package se.companydata.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runtime state of the simulated producers: the fault and latency each one applies now (starting
 * from configuration, changed through {@code /sandbox/admin} or by tests), and a log of the calls
 * each endpoint received — how tests see that the gateway called a producer, or did not.
 */
@ApplicationScoped
public class SandboxControl {

    /** {@code idleClose}: connections idle this long are closed (zero: never). */
    public record Behaviour(Fault fault, Duration latency, Duration jitter, Duration idleClose) {

        public Behaviour(Fault fault, Duration latency, Duration jitter) {
            this(fault, latency, jitter, Duration.ZERO);
        }
    }

    private final SandboxConfig config;
    private final Map<SandboxProducer, Behaviour> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, String> lastRequestId = new ConcurrentHashMap<>();
    private final Map<String, String> lastClient = new ConcurrentHashMap<>();
    private final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
    private final Map<String, String> lastApiKey = new ConcurrentHashMap<>();
    static final String READ_SCOPE = "vardefulla-datamangder:read";
    static final String PING_SCOPE = "vardefulla-datamangder:ping";
    /** Företagsinformation's scope: our model of that API (see ForetagsinformationWire). */
    static final String FORETAGSINFORMATION_SCOPE = "foretagsinformation:read";

    private record Issued(long expiresAtNanos, Set<String> scopes) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong idleDrops = new AtomicLong();
    private final AtomicLong slowAnswers = new AtomicLong();
    /** Connections each simulated producer has served (weak: a closed connection is never seen again anyway). */
    private final Map<SandboxProducer, Set<Object>> connectionsSeen = new ConcurrentHashMap<>();
    private final Map<SandboxProducer, AtomicLong> connections = new ConcurrentHashMap<>();
    private final Map<SandboxProducer, SandboxQuota> quotas = new ConcurrentHashMap<>();

    SandboxControl(SandboxConfig config) {
        this.config = config;
        reset();
    }

    /** Back to configured behaviour, call counts at zero. */
    public void reset() {
        for (SandboxProducer p : SandboxProducer.values()) {
            var configured = config.of(p);
            behaviour.put(p, new Behaviour(configured.fault(), configured.latency(), configured.jitter(), configured.idleClose()));
        }
        calls.clear();
        lastRequestId.clear();
        lastClient.clear();
        lastAuthorization.clear();
        lastApiKey.clear();
        tokenRequests.set(0);
        idleDrops.set(0);
        slowAnswers.set(0);
        connectionsSeen.clear();
        connections.clear();
        for (SandboxProducer p : SandboxProducer.values()) {
            quotas.put(p, new SandboxQuota(config.of(p).quota().calls(), config.of(p).quota().period()));
        }
    }

    /** A quota of {@code calls} per {@code period} per client for the producer from now on (0: none); counts start afresh. */
    public void quota(SandboxProducer producer, int calls, Duration period) {
        quotas.put(producer, new SandboxQuota(calls, period));
    }

    SandboxQuota quota(SandboxProducer producer) {
        return quotas.get(producer);
    }

    /** Requests the producer refused with 429 for its quota. */
    public long quotaRefusals(SandboxProducer producer) {
        return quotas.get(producer).refused();
    }

    /** Per producer: 429s for its quota, and the most requests it let through in any window of its quota's period. */
    public Map<String, Map<String, Long>> quotaCounts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        quotas.forEach((producer, quota) -> counts.put(producer.key(), Map.of("refused", quota.refused(),
                "mostInAnyWindow", (long) quota.mostInAnyWindow())));
        return counts;
    }

    /** The most requests the producer let through in any window of its quota's period. */
    public int mostCallsInAnyWindow(SandboxProducer producer) {
        return quotas.get(producer).mostInAnyWindow();
    }

    public Behaviour behaviour(SandboxProducer producer) {
        return behaviour.get(producer);
    }

    public void set(SandboxProducer producer, Behaviour newBehaviour) {
        behaviour.put(producer, newBehaviour);
    }

    public void fault(SandboxProducer producer, Fault fault) {
        behaviour.compute(producer, (p, b) -> new Behaviour(fault, b.latency(), b.jitter(), b.idleClose()));
    }

    public void latency(SandboxProducer producer, Duration latency) {
        behaviour.compute(producer, (p, b) -> new Behaviour(b.fault(), latency, b.jitter(), b.idleClose()));
    }

    public void idleClose(SandboxProducer producer, Duration idleClose) {
        behaviour.compute(producer, (p, b) -> new Behaviour(b.fault(), b.latency(), b.jitter(), idleClose));
    }

    void recordCall(String endpoint, String requestId, String clientOrganisationsnummer, String authorization, String apiKey) {
        lastApiKey.put(endpoint, apiKey == null ? "none" : apiKey);
        calls.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
        if (requestId != null) {
            lastRequestId.put(endpoint, requestId);
        }
        lastClient.put(endpoint, clientOrganisationsnummer == null ? "none" : clientOrganisationsnummer);
        lastAuthorization.put(endpoint, authorization == null ? "none" : authorization);
    }

    /** The organisationsnummer in the client certificate the endpoint last saw ("none" without one). */
    public String lastClient(String endpoint) {
        return lastClient.get(endpoint);
    }

    /** The Authorization header the endpoint last saw ("none" without one). */
    /** The {@code X-Api-Key} of the endpoint's last call ({@code none} without one). */
    public String lastApiKey(String endpoint) {
        return lastApiKey.get(endpoint);
    }

    public String lastAuthorization(String endpoint) {
        return lastAuthorization.get(endpoint);
    }

    void recordConnection(SandboxProducer producer, Object connection) {
        Set<Object> seen = connectionsSeen.computeIfAbsent(producer, p -> Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>())));
        if (seen.add(connection)) {
            connections.computeIfAbsent(producer, p -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Distinct connections each producer has served since the last reset: how the gateway spreads its calls. */
    public Map<String, Long> connectionCounts() {
        Map<String, Long> copy = new TreeMap<>();
        connections.forEach((producer, n) -> copy.put(producer.key(), n.get()));
        return copy;
    }

    void recordSlowAnswer() {
        slowAnswers.incrementAndGet();
    }

    /** Answers of the {@code SLOW} fault sent so far (a caller that had its answer before one was sent did not wait for it). */
    public long slowAnswers() {
        return slowAnswers.get();
    }

    void recordIdleDrop() {
        idleDrops.incrementAndGet();
    }

    /** Requests that arrived on a connection idle past {@code idle-close} and were lost with it. */
    public long idleDrops() {
        return idleDrops.get();
    }

    void recordTokenRequest() {
        tokenRequests.incrementAndGet();
    }

    /** Requests to the simulated Bolagsverket token endpoint (not counted among the data calls). */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    String issueToken(java.time.Duration lifetime, Set<String> scopes) {
        String token = java.util.UUID.randomUUID().toString();
        tokens.put(token, new Issued(System.nanoTime() + lifetime.toNanos(), Set.copyOf(scopes)));
        return token;
    }

    boolean isValidToken(String token, String scope) {
        Issued issued = tokens.get(token);
        return issued != null && System.nanoTime() < issued.expiresAtNanos() && issued.scopes().contains(scope);
    }

    /** Makes every token issued so far invalid, as a producer rotating its keys would. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** Calls received by an endpoint: {@code bolagsverket}, {@code scb-foretag}, {@code scb-arbetsstallen}, {@code skatteverket}. */
    public long calls(String endpoint) {
        AtomicLong n = calls.get(endpoint);
        return n == null ? 0 : n.get();
    }

    public long totalCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public String lastRequestId(String endpoint) {
        return lastRequestId.get(endpoint);
    }

    public Map<String, Long> callCounts() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
