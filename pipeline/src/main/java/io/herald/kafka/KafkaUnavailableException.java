package io.herald.kafka;

/** Kafka could not be reached; the message says where Herald looked. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
