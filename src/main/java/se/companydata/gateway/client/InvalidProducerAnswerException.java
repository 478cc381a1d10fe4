package se.companydata.gateway.client;

/** A producer answered, but not in its contract's shape. */
public class InvalidProducerAnswerException extends RuntimeException {
    public InvalidProducerAnswerException(String message) {
        super(message, null, false, false);
    }
}
