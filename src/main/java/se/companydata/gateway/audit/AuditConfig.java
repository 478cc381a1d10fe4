package se.companydata.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gateway.audit")
public interface AuditConfig {

    /** Directory of the journal files (a volume per pod in Kubernetes). */
    @WithDefault("/var/lib/gateway/audit")
    String directory();

    /** A new journal file is started past this size… */
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize maxFileSize();

    /** …or this age. The hash chain continues across files. */
    @WithDefault("24h")
    Duration maxFileAge();

    /** Most records written under one fsync. */
    @WithDefault("1024")
    int maxBatch();
}
