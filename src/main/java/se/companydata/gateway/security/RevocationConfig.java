package se.companydata.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Revocation checking of consumer certificates (docs: docs/security.md "Revocation"). */
@ConfigMapping(prefix = "gateway.revocation")
public interface RevocationConfig {

    /** Off only where no CA publishes revocation (a private development PKI). */
    @WithDefault("true")
    boolean enabled();

    /** What a certificate whose status cannot be established gets, unless its trust anchor says otherwise. */
    @WithDefault("hard-fail")
    Mode mode();

    /** Per trust anchor (a CA in the client-CA store, by subject): its own mode. */
    Map<String, Anchor> anchor();

    /** CRL files (PEM or DER) an operator mounts, e.g. for a CA without a distribution point; reloaded when they change. */
    Optional<List<Path>> crlFiles();

    /** How often the CRL files are looked at for a new version. */
    @WithDefault("5m")
    Duration crlReloadPeriod();

    /** How long a "good" or "revoked" answer is kept: a revocation takes effect within this. */
    @WithDefault("5m")
    Duration cacheTtl();

    /** How long an "unknown" answer is kept before the responder or distribution point is asked again. */
    @WithDefault("30s")
    Duration unknownCacheTtl();

    /** How long a request waits for a status not yet known; the check goes on behind it and its answer is kept. */
    @WithDefault("3s")
    Duration timeout();

    /** Connect and read timeout of one OCSP or CRL fetch (JDK com.sun.security.ocsp.timeout / crl.timeout). */
    @WithDefault("5s")
    Duration fetchTimeout();

    enum Mode {
        /** Unknown status: refused. */
        HARD_FAIL,
        /** Unknown status: accepted, logged and counted; a revoked certificate is still refused. */
        SOFT_FAIL
    }

    interface Anchor {
        /** The CA's subject as in its certificate (RFC 2253), e.g. {@code CN=Expisoft Organisation CA v2,O=Expisoft AB,C=SE}. */
        String subject();

        Mode mode();
    }
}
