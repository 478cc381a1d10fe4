package se.companydata.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.x500.X500Principal;
import org.jboss.logging.Logger;
import se.companydata.gateway.security.RevocationConfig.Mode;

/**
 * Whether a trusted certificate (and every CA below its trust anchor) has been revoked: a consumer's client
 * certificate, or a producer's server certificate during the handshake ({@link ProducerCertificateRevocation}). OCSP at the
 * responder its Authority Information Access names, CRLs from its distribution points and from the files an
 * operator mounts, through the JDK's PKIX revocation checker. That checker blocks on the network, so it runs on
 * threads of its own, never on an event loop; one check per certificate at a time, its answer kept for
 * {@code cache-ttl} ("unknown" for {@code unknown-cache-ttl}). What "unknown" means is the trust anchor's mode.
 */
@ApplicationScoped
public class RevocationCheck {

    private static final Logger LOG = Logger.getLogger(RevocationCheck.class);

    public enum Verdict {
        GOOD, REVOKED, UNKNOWN, NOT_CHECKED
    }

    /**
     * @param revokedAt   for REVOKED: when; @param revocationReason its CRL reason (e.g. KEY_COMPROMISE)
     * @param explanation in words, for the refusal and the self-test
     */
    public record Status(Verdict verdict, Instant revokedAt, String revocationReason, String explanation, Mode mode) {

        public boolean refuses() {
            return verdict == Verdict.REVOKED || verdict == Verdict.UNKNOWN && mode == Mode.HARD_FAIL;
        }
    }

    private record Key(X500Principal issuer, BigInteger serial) {
    }

    /** Whose certificate: the metric's {@code certificate} label and the log line's subject. */
    enum Holder {
        CLIENT("client", "Client certificate"), PRODUCER("producer", "Producer's server certificate");

        private final String label;
        private final String described;

        Holder(String label, String described) {
            this.label = label;
            this.described = described;
        }
    }

    /** The operator's CRL files as last read, with their modification times (a change is picked up at the next period). */
    private record LoadedCrls(List<CRL> crls, Map<Path, FileTime> versions, Instant readAt) {
    }

    private final RevocationConfig config;
    private final ClientCaStore cas;
    private final MeterRegistry metrics;
    private final ExecutorService checks;
    private final AsyncCache<Key, Status> verdicts;
    private volatile LoadedCrls crls = new LoadedCrls(List.of(), Map.of(), Instant.EPOCH);

    RevocationCheck(RevocationConfig config, ClientCaStore cas, MeterRegistry metrics) {
        this.config = config;
        this.cas = cas;
        this.metrics = metrics;
        if (config.enabled()) {
            // The JDK reads these JVM-wide switches itself; an operator's own -D settings win.
            String seconds = Long.toString(Math.max(1, config.fetchTimeout().toSeconds()));
            setIfAbsent("com.sun.security.enableCRLDP", "true");
            setIfAbsent("com.sun.security.ocsp.timeout", seconds);
            setIfAbsent("com.sun.security.crl.timeout", seconds);
            setIfAbsent("com.sun.security.crl.readtimeout", seconds);
        }
        this.checks = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "revocation-check");
            thread.setDaemon(true);
            return thread;
        });
        this.verdicts = Caffeine.newBuilder().maximumSize(50_000).executor(checks)
                .expireAfter(new Expiry<Key, Status>() {
                    @Override
                    public long expireAfterCreate(Key key, Status status, long now) {
                        return (status.verdict() == Verdict.UNKNOWN ? config.unknownCacheTtl() : config.cacheTtl()).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Status status, long now, long current) {
                        return expireAfterCreate(key, status, now);
                    }

                    @Override
                    public long expireAfterRead(Key key, Status status, long now, long current) {
                        return current;
                    }
                }).buildAsync();
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    /** The status of a chain the TLS layer has accepted (leaf first): known at once when checked lately, else within {@code timeout}. */
    public Uni<Status> status(List<X509Certificate> chain) {
        if (!config.enabled() || chain.isEmpty()) {
            return Uni.createFrom().item(new Status(Verdict.NOT_CHECKED, null, null, "revocation checking is switched off", null));
        }
        CompletableFuture<Status> check = checkOf(chain, cas.anchors(), Holder.CLIENT);
        if (check.isDone() && !check.isCompletedExceptionally()) {
            return Uni.createFrom().item(check.join());
        }
        // The answer comes on a check thread: the request goes on where it was (its event loop), not there.
        Context context = Vertx.currentContext();
        // A copy, so that a request giving up does not cancel the check the next one will read.
        return Uni.createFrom().completionStage(check::copy).ifNoItem().after(config.timeout())
                .recoverWithItem(() -> new Status(Verdict.UNKNOWN, null, null, "the revocation status was not established within "
                        + config.timeout().toMillis() + " ms (OCSP responder or CRL distribution point slow or unreachable)",
                        modeOf(chain)))
                .emitOn(context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run()));
    }

    /**
     * The status of a producer's server chain the TLS layer has accepted against {@code anchors} (that producer's
     * trust store), for a handshake: it waits for the check, at most {@code timeout}, so it must run off the event
     * loops (the outbound clients hand their handshakes' checks to worker threads: {@link OffLoopHandshakes}). On an
     * event loop it never waits: a status not known yet is UNKNOWN then, its check started for the next handshake.
     */
    Status producerStatus(List<X509Certificate> chain, Set<TrustAnchor> anchors) {
        if (!config.enabled() || chain.isEmpty()) {
            return new Status(Verdict.NOT_CHECKED, null, null, "revocation checking is switched off", null);
        }
        CompletableFuture<Status> check = checkOf(chain, anchors, Holder.PRODUCER);
        if (Context.isOnEventLoopThread() && !check.isDone()) {
            LOG.warn("A producer's handshake was checked on an event loop: its revocation status is not waited for there");
            // Counted as what the handshake got: an unknown status (the check itself is counted when it ends).
            metrics.counter("gateway.certificate.revocation.checks", "certificate", Holder.PRODUCER.label, "verdict",
                    Verdict.UNKNOWN.name()).increment();
            return new Status(Verdict.UNKNOWN, null, null, "the revocation status is being established (handshake on an event loop)",
                    modeOf(chain));
        }
        try {
            return check.copy().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Status(Verdict.UNKNOWN, null, null, "the revocation status was not established within "
                    + config.timeout().toMillis() + " ms (OCSP responder or CRL distribution point slow or unreachable)", modeOf(chain));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(Verdict.UNKNOWN, null, null, "interrupted while establishing the revocation status", modeOf(chain));
        } catch (ExecutionException e) {
            return new Status(Verdict.UNKNOWN, null, null, "the revocation status cannot be checked: " + e.getCause(), modeOf(chain));
        }
    }

    private CompletableFuture<Status> checkOf(List<X509Certificate> chain, Set<TrustAnchor> anchors, Holder holder) {
        X509Certificate leaf = chain.get(0);
        Key key = new Key(leaf.getIssuerX500Principal(), leaf.getSerialNumber());
        return verdicts.get(key, (k, executor) -> CompletableFuture.supplyAsync(() -> check(chain, anchors, holder), executor));
    }

    private Status check(List<X509Certificate> chain, Set<TrustAnchor> anchors, Holder holder) {
        Status status = validate(chain, anchors);
        metrics.counter("gateway.certificate.revocation.checks", "certificate", holder.label, "verdict", status.verdict().name())
                .increment();
        X509Certificate leaf = chain.get(0);
        if (status.verdict() != Verdict.GOOD) {
            LOG.warnf("%s serial %s of %s: %s, %s (%s)", holder.described, leaf.getSerialNumber().toString(16),
                    leaf.getIssuerX500Principal().getName(), status.verdict(), status.explanation(),
                    status.refuses() ? "refused" : "accepted: soft-fail");
        }
        return status;
    }

    private Status validate(List<X509Certificate> chain, Set<TrustAnchor> anchors) {
        Mode mode = config.mode();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath path = factory.generateCertPath(ClientCaStore.withoutTrustedRoots(chain, anchors));
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            // Which anchor the path ends at decides the mode; the TLS layer has already trusted the path.
            PKIXParameters plain = new PKIXParameters(anchors);
            plain.setRevocationEnabled(false);
            TrustAnchor anchor = ((PKIXCertPathValidatorResult) validator.validate(path, plain)).getTrustAnchor();
            mode = modeOf(anchor.getTrustedCert().getSubjectX500Principal());

            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            // OCSP first, CRLs when OCSP cannot answer; without SOFT_FAIL the JDK says why neither could, and the mode is ours to apply.
            revocation.setOptions(EnumSet.noneOf(PKIXRevocationChecker.Option.class));
            parameters.addCertPathChecker(revocation);
            List<CRL> files = crls();
            if (!files.isEmpty()) {
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(files)));
            }
            validator.validate(path, parameters);
            return new Status(Verdict.GOOD, null, null, "not revoked (checked " + Instant.now() + ")", mode);
        } catch (CertPathValidatorException e) {
            String which = e.getIndex() >= 0 && e.getCertPath() != null && e.getIndex() < e.getCertPath().getCertificates().size()
                    ? ((X509Certificate) e.getCertPath().getCertificates().get(e.getIndex())).getSubjectX500Principal()
                    .getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.97", "organizationIdentifier")) : "the certificate";
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED && e.getCause() instanceof CertificateRevokedException revoked) {
                return new Status(Verdict.REVOKED, revoked.getRevocationDate().toInstant(), revoked.getRevocationReason().name(),
                        (e.getIndex() > 0 ? "the issuing CA " + which : "the certificate") + " was revoked on "
                                + revoked.getRevocationDate().toInstant() + " (reason " + revoked.getRevocationReason() + ", by "
                                + revoked.getAuthorityName().getName() + ")", mode);
            }
            return new Status(Verdict.UNKNOWN, null, null, "the revocation status of " + which + " cannot be established: "
                    + reasons(e), mode);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Status(Verdict.UNKNOWN, null, null, "the revocation status cannot be checked: " + e.getMessage(), mode);
        }
    }

    /** The mode for a chain not yet validated: that of the configured anchor whose subject issued one of its certificates. */
    private Mode modeOf(List<X509Certificate> chain) {
        for (X509Certificate certificate : chain) {
            Mode mode = modeOf(certificate.getIssuerX500Principal());
            if (mode != config.mode()) {
                return mode;
            }
        }
        return config.mode();
    }

    private Mode modeOf(X500Principal anchorSubject) {
        return config.anchor().values().stream().filter(a -> new X500Principal(a.subject()).equals(anchorSubject))
                .map(RevocationConfig.Anchor::mode).findFirst().orElse(config.mode());
    }

    /** Why OCSP and the CRLs could not answer: the JDK's message, with what failed beneath it, for both ways. */
    private static String reasons(Throwable e) {
        List<String> reasons = new ArrayList<>();
        reasons.add(withCauses(e));
        for (Throwable suppressed : e.getSuppressed()) {
            reasons.add("then CRL: " + withCauses(suppressed));
        }
        return String.join("; ", reasons);
    }

    private static String withCauses(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (!String.valueOf(cause.getMessage()).equals(String.valueOf(e.getMessage()))) {
                text.append(" (").append(cause.getClass().getSimpleName()).append(cause.getMessage() == null ? "" : ": " + cause.getMessage()).append(')');
            }
            // The JDK keeps why the CRLs could not answer either as suppressed by the OCSP failure it wraps.
            for (Throwable suppressed : cause.getSuppressed()) {
                text.append("; then CRL: ").append(withCauses(suppressed));
            }
        }
        return text.toString();
    }

    /** The operator's CRL files: read again when the period has passed and one of them changed. A file that cannot be read is logged and left out. */
    private List<CRL> crls() {
        List<Path> files = config.crlFiles().orElse(List.of());
        LoadedCrls loaded = crls;
        if (files.isEmpty() || Instant.now().isBefore(loaded.readAt().plus(config.crlReloadPeriod()))) {
            return loaded.crls();
        }
        Map<Path, FileTime> versions = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                versions.put(file, Files.getLastModifiedTime(file));
            } catch (IOException e) {
                versions.put(file, FileTime.fromMillis(0));
            }
        }
        if (versions.equals(loaded.versions())) {
            crls = new LoadedCrls(loaded.crls(), versions, Instant.now());
            return loaded.crls();
        }
        List<CRL> read = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                read.addAll(CertificateFactory.getInstance("X.509").generateCRLs(in));
            } catch (IOException | GeneralSecurityException e) {
                LOG.errorf("CRL file %s (gateway.revocation.crl-files) cannot be read: %s", file, e.getMessage());
            }
        }
        LOG.infof("Read %d CRL(s) from %s", read.size(), files);
        crls = new LoadedCrls(List.copyOf(read), versions, Instant.now());
        return crls.crls();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
