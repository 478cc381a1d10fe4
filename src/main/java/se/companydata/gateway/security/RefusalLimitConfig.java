package se.companydata.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many refusals per client certificate the audit trail records one by one (docs/security.md "Refusal limit"). */
@ConfigMapping(prefix = "gateway.refusal-limit")
public interface RefusalLimitConfig {

    /** Refusals recorded per second per certificate, sustained. */
    @WithDefault("5")
    double perSecond();

    /** Refusals recorded at once per certificate above the sustained rate. */
    @WithDefault("30")
    int burst();
}
