package se.companydata.gateway.domain;

/** Every producer asked answered that it does not know the company. */
public class CompanyNotFoundException extends RuntimeException {
    public CompanyNotFoundException(String detail) {
        super(detail, null, false, false);
    }
}
