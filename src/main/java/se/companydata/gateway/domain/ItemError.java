package se.companydata.gateway.domain;

/** Why an item has no value; {@code description} is for people, {@code type} for programs. */
public record ItemError(ErrorType type, ErrorSource source, String description) {

    public static ItemError byGateway(ErrorType type, String description) {
        return new ItemError(type, ErrorSource.Formedlare, description);
    }

    public static ItemError byProducer(ErrorType type, String description) {
        return new ItemError(type, ErrorSource.Dataproducent, description);
    }
}
