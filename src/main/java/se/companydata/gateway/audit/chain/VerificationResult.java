package se.companydata.gateway.audit.chain;

/**
 * The outcome of verifying a trail: {@code ok}, how many records were checked, in how many files (journal) or
 * writers (database), and the first problem (or a note).
 */
public record VerificationResult(boolean ok, long records, int files, String message) {
}
