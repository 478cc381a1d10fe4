package se.companydata.gateway.domain;

/**
 * SSBTGU {@code Fel/@Typ}: why an item carries no value. Names are the wire names.
 *
 * <p>{@link #isShortfall()} is the one definition of a <em>partial</em> answer, used by the audit
 * record, the service-level report, the metrics and the benchmark: an item is missing for want of a
 * producer (or of its quota) only for these types. {@code UppgiftFinnsEj}, {@code ForetagFinnsEj} and
 * {@code EjBehorig} are the truth about the item, and an answer made of values and truths is complete.
 */
public enum ErrorType {
    EjBehorig(false),
    EjKomplettSvar(true),
    ForetagFinnsEj(false),
    OgiltigBegaran(false),
    OgiltigtSvar(true),
    OtillgangligUppgiftskalla(true),
    Timeout(true),
    TvetydigBegaran(false),
    UppgiftFinnsEj(false),
    Odefinierad(true);

    private final boolean shortfall;

    ErrorType(boolean shortfall) {
        this.shortfall = shortfall;
    }

    /** True when the item is missing because a producer (or its quota) let the caller down, not because of what is true. */
    public boolean isShortfall() {
        return shortfall;
    }
}
