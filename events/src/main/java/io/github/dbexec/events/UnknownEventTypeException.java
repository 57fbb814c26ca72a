package io.github.dbexec.events;

import java.util.List;

/**
 * A record's {@code sdc.event.type} names an event type this version of dbexec does not know, for example
 * one written by a newer version. The record itself is still usable as an {@link EventRecord}; readers that
 * want to keep going can catch this exception and skip, or use {@link JsonLinesFileSink#streamRecords}.
 */
public final class UnknownEventTypeException extends EventFormatException {
  private static final long serialVersionUID = 1L;

  /** The unknown {@code sdc.event.type}, as {@link #type()} returns it. */
  private final String type;

  UnknownEventTypeException(String type, List<String> knownTypes) {
    super("unknown event type '" + type + "' (sdc.event.type); known types: " + knownTypes
        + ". A newer dbexec may have written it: read it as an EventRecord instead");
    this.type = type;
  }

  /**
   * The unknown {@code sdc.event.type} value.
   *
   * @return the type as the record holds it
   */
  public String type() {
    return type;
  }
}
