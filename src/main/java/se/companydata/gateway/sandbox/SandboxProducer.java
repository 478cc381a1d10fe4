package se.companydata.gateway.sandbox;

import java.util.Locale;

/** The simulated producers, named as in configuration, URLs and the register's {@code sandboxFaults}. */
public enum SandboxProducer {
    BOLAGSVERKET,
    SCB,
    SKATTEVERKET;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SandboxProducer fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
