package se.companydata.gateway.domain;


/**
 * A real answer the gateway fetched for itself before reporting ready (the configured priming
 * identity), handed to every protocol adapter to render {@code repetitions} times so its code is
 * compiled before the first caller arrives. It never leaves the process and discloses nothing.
 */
public record PrimingSample(LookupRequest request, LookupResult result, int repetitions) {
}
