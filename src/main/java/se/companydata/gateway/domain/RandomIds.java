package se.companydata.gateway.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for ids that must be unique but need not be unguessable: generated
 * transaction ids and SOAP MeddelandeId. {@link UUID#randomUUID()} draws from SecureRandom, which
 * cost 2 % of a cached lookup's CPU; nothing is protected by these ids being unpredictable.
 */
public final class RandomIds {

    private RandomIds() {
    }

    public static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;              // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;   // IETF variant
        return new UUID(high, low).toString();
    }
}
