package se.companydata.gateway.audit.trail;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gateway.audit")
public interface AuditConfig {

    /** Where records are kept: {@code journal} (files on a volume per pod) or {@code postgresql} (one database for all replicas). */
    @WithDefault("journal")
    public Store store();

    /**
     * This process's name as a writer: its hash chain in the database, the writer named in its anchors.
     * Unique per replica (the pod name); two processes writing under one name refuse each other's records.
     */
    public String writer();

    /** Directory of the journal files (a volume per pod in Kubernetes). */
    @WithDefault("/var/lib/gateway/audit")
    public String directory();

    /** A new journal file is started past this size… */
    @WithDefault("64M")
    public MemorySize maxFileSize();

    /** …or this age. The hash chain continues across files. */
    @WithDefault("24h")
    public Duration maxFileAge();

    /** Most records made durable together (one fsync, or one database transaction). */
    @WithDefault("1024")
    public int maxBatch();

    /** A record not durable within this time fails its answer (503): a hung disk or database must not hang callers. */
    @WithDefault("5s")
    public Duration commitTimeout();

    /** How often an unwritable database store is probed while no record arrives, so readiness returns by itself. */
    @WithDefault("1s")
    public Duration probeInterval();

    public Anchor anchor();

    public enum Store {
        JOURNAL, POSTGRESQL
    }

    public interface Anchor {

        /** How often the chain's head is signed and logged (only when it moved); always at shutdown. 0 turns anchoring off. */
        @WithDefault("1m")
        Duration interval();

        /** The TLS configuration whose key signs anchors (the gateway's own server key). */
        @WithDefault("api")
        String tlsConfigurationName();
    }
}
