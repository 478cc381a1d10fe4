package se.companydata.gateway.domain;

/** Every producer asked answered that it does not know the company. */
public class CompanyNotFoundException extends RuntimeException {

    private final transient LookupResult result;

    /** {@code result}: the answer item by item (each item's "not found" error), for protocols that answer that way. */
    public CompanyNotFoundException(String detail, LookupResult result) {
        super(detail, null, false, false);
        this.result = result;
    }

    public LookupResult result() {
        return result;
    }
}
