package io.herald.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where an input record came from: its topic, partition and offset. */
@JsonPropertyOrder({"topic", "partition", "offset"})
public record RecordSource(String topic, int partition, long offset) {}
