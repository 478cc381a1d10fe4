package se.companydata.gateway.domain;

import java.util.Set;

/** The request names a use area its e-service is not approved for: refused before anything is fetched. */
public class UseAreaNotApprovedException extends RuntimeException {

    public UseAreaNotApprovedException(UseArea asked, Set<UseArea> approved) {
        super("the e-service is not approved for use area " + asked + (approved.isEmpty()
                ? " (it is approved for none; the registry lists them under useAreas)"
                : " (approved: " + approved.stream().sorted().map(UseArea::name).toList() + ")"), null, false, false);
    }
}
