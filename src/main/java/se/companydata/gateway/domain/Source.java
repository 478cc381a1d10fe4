package se.companydata.gateway.domain;

import static se.companydata.gateway.domain.UdItem.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * One producer endpoint the gateway can call, and the items its wire format can carry. A lookup
 * calls only the sources that hold the requested items; each source's answer is cached on its own.
 */
public enum Source {
    /** VDM v1 {@code POST /organisationer}: several of its blocks are SCB's data (each names its producer). */
    BOLAGSVERKET_ORGANISATIONER(Producer.Bolagsverket, EnumSet.of(UD0001, UD0002, UD0003, UD0024, UD0025, UD0026, UD0027,
            UD0028, UD0046)),
    /** Bolagsverket's Företagsinformation API: optional, configured on its own. */
    BOLAGSVERKET_FORETAGSINFORMATION(Producer.Bolagsverket, EnumSet.of(UD0014, UD0045, UD0047, UD0048)),
    SCB_FORETAG(Producer.SCB, EnumSet.of(UD0001, UD0002, UD0003, UD0004, UD0006, UD0011, UD0012, UD0024, UD0029, UD0031,
            UD0033, UD0040, UD0042, UD0050, UD0051)),
    SCB_ARBETSSTALLEN(Producer.SCB, EnumSet.of(UD0009, UD0010, UD0034, UD0039, UD0043, UD0044, UD0049, UD0052)),
    SKATTEVERKET_REGISTRERINGAR(Producer.Skatteverket, EnumSet.of(UD0020, UD0023, UD0029, UD0031, UD0033));

    private final Producer producer;
    private final Set<UdItem> items;

    Source(Producer producer, Set<UdItem> items) {
        this.producer = producer;
        this.items = items;
    }

    public Producer producer() {
        return producer;
    }

    public boolean carries(UdItem item) {
        return items.contains(item);
    }

    /** The source of {@code producer} that carries {@code item}, or null if that producer has no such item. */
    public static Source of(Producer producer, UdItem item) {
        for (Source source : values()) {
            if (source.producer == producer && source.carries(item)) {
                return source;
            }
        }
        return null;
    }
}
