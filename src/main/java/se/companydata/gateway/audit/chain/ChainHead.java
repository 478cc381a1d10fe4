package se.companydata.gateway.audit.chain;

/** The newest durable record of one writer's chain: what an anchor signs. {@code seq} 0 is the empty chain. */
public record ChainHead(long seq, String hash) {

    public static final ChainHead EMPTY = new ChainHead(0, JournalFormat.GENESIS);
}
