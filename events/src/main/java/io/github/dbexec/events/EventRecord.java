package io.github.dbexec.events;

import org.jspecify.annotations.Nullable;
import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.RecordJsonAdapter;
import io.github.dbexec.events.internal.Values;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event in the shape the seed stage wrote: header attributes plus a map of fields.
 *
 * <p>Header attributes are strings, as in the seed: {@value #HEADER_EVENT_TYPE} (the event type),
 * {@value #HEADER_EVENT_VERSION} (an integer written as a string, for example {@code "1"}) and
 * {@value #HEADER_CREATION_TIMESTAMP} (epoch milliseconds written as a string). All three are required;
 * other header attributes are kept as they are.
 *
 * <p>Field values are JSON values: {@link String}, {@link Long} (every JSON integer that fits; integers are
 * read exactly, never through {@code double}), {@link java.math.BigDecimal} (any other number),
 * {@link Boolean}, {@code Map<String, Object>} and {@code List<Object>}. {@link Integer}, {@link Double}
 * and friends given to {@link #of} are normalised to these; a {@code null} value means absent and is
 * dropped. Fields this version does not know are kept, so a record survives a read/write round trip
 * unchanged.
 *
 * <p>JSON form (one object, see {@link #toJson()}):
 *
 * <pre>{@code
 * {"headerAttributes":{"sdc.event.type":"AppSubmittedEvent","sdc.event.version":"1",
 *   "sdc.event.creation_timestamp":"1724000000000"},"fields":{"app_id":455644833,"run_id":455644833,...}}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EventRecord {
  /** Header attribute holding the event type, for example {@code AppSubmittedEvent}. */
  public static final String HEADER_EVENT_TYPE = "sdc.event.type";
  /** Header attribute holding the event type's version, an integer written as a string. */
  public static final String HEADER_EVENT_VERSION = "sdc.event.version";
  /** Header attribute holding the creation time in epoch milliseconds, written as a string. */
  public static final String HEADER_CREATION_TIMESTAMP = "sdc.event.creation_timestamp";
  /** The {@code AppSubmittedEvent} field holding the run id, as the seed's documentation names it. */
  public static final String FIELD_APP_ID = "app_id";
  /**
   * The spelling the seed's implementation actually wrote for {@link #FIELD_APP_ID}; accepted when
   * reading, never written.
   */
  public static final String FIELD_APP_ID_SEED_SPELLING = "app-id";

  private final Map<String, String> headerAttributes;
  private final Map<String, Object> fields;
  private final String type;
  private final int version;
  private final long creationTimestamp;

  private EventRecord(Map<String, String> headerAttributes, Map<String, Object> fields) {
    this.headerAttributes = headerAttributes;
    this.fields = fields;
    this.type = headerAttributes.get(HEADER_EVENT_TYPE);
    this.version = parseVersion(headerAttributes.get(HEADER_EVENT_VERSION));
    this.creationTimestamp = parseTimestamp(headerAttributes.get(HEADER_CREATION_TIMESTAMP));
  }

  /**
   * A record from header attributes and fields, both copied.
   *
   * @throws IllegalArgumentException if a required header attribute is missing or malformed (the message
   *     names it), or a field value is not a JSON value
   */
  public static EventRecord of(Map<String, String> headerAttributes, Map<String, ?> fields) {
    Checks.notNull(headerAttributes, "headerAttributes");
    Checks.notNull(fields, "fields");
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headerAttributes.entrySet()) {
      headers.put(Checks.notNull(header.getKey(), "header attribute name"),
          Checks.notNull(header.getValue(), "header attribute " + header.getKey()));
    }
    String type = headers.get(HEADER_EVENT_TYPE);
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("header attribute " + HEADER_EVENT_TYPE + " is required but was "
          + (type == null ? "absent" : "'" + type + "'"));
    }
    if (!headers.containsKey(HEADER_EVENT_VERSION)) {
      throw new IllegalArgumentException("header attribute " + HEADER_EVENT_VERSION + " is required");
    }
    if (!headers.containsKey(HEADER_CREATION_TIMESTAMP)) {
      throw new IllegalArgumentException("header attribute " + HEADER_CREATION_TIMESTAMP + " is required");
    }
    return new EventRecord(Collections.unmodifiableMap(headers), Values.normalizeMap(fields, "fields"));
  }

  /**
   * A record with the three standard header attributes.
   *
   * @param type the event type ({@value #HEADER_EVENT_TYPE}), not blank
   * @param version the type's version ({@value #HEADER_EVENT_VERSION}), {@code >= 1}
   * @param creationTimestamp epoch milliseconds ({@value #HEADER_CREATION_TIMESTAMP}), {@code >= 0}
   * @param fields the fields, copied; {@code null} values are dropped
   */
  public static EventRecord of(String type, int version, long creationTimestamp, Map<String, ?> fields) {
    Checks.notBlank(type, "type");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HEADER_EVENT_TYPE, type);
    headers.put(HEADER_EVENT_VERSION, Integer.toString(version));
    headers.put(HEADER_CREATION_TIMESTAMP, Long.toString(creationTimestamp));
    return of(headers, fields);
  }

  /**
   * Reads one record from its JSON form. Unknown top-level names are ignored; unknown header attributes
   * and fields are kept; JSON {@code null} is the same as absent.
   *
   * @throws EventFormatException if the JSON is malformed or a required header attribute is missing or
   *     malformed
   */
  public static EventRecord fromJson(String json) {
    return RecordJsonAdapter.parse(json);
  }

  /** This record as one compact JSON object, without a trailing newline; never contains a line break. */
  public String toJson() {
    return RecordJsonAdapter.write(this);
  }

  /**
   * This record as its typed event. Fields the typed event does not know are ignored (so newer records stay
   * readable); {@code app-id}, the seed's spelling, is accepted for {@code app_id}.
   *
   * @throws UnknownEventTypeException if {@link #type()} is not a known event type
   * @throws EventFormatException if a field the typed event requires is absent or has the wrong type
   */
  public ExecutorEvent toEvent() {
    return EventTypes.toEvent(this);
  }

  /** The header attributes, unmodifiable, in their original order. */
  public Map<String, String> headerAttributes() {
    return headerAttributes;
  }

  /** The fields, unmodifiable, in their original order; see the class documentation for value types. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The event type; header attribute {@value #HEADER_EVENT_TYPE}. */
  public String type() {
    return type;
  }

  /** The event type's version; header attribute {@value #HEADER_EVENT_VERSION} parsed as an integer. */
  public int version() {
    return version;
  }

  /** Creation time in epoch milliseconds; header attribute {@value #HEADER_CREATION_TIMESTAMP} parsed. */
  public long creationTimestamp() {
    return creationTimestamp;
  }

  private static int parseVersion(String text) {
    try {
      int version = Integer.parseInt(text.trim());
      if (version < 1) {
        throw new IllegalArgumentException(
            "header attribute " + HEADER_EVENT_VERSION + " must be >= 1 but was '" + text + "'");
      }
      return version;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "header attribute " + HEADER_EVENT_VERSION + " must be an integer but was '" + text + "'", e);
    }
  }

  private static long parseTimestamp(String text) {
    try {
      long timestamp = Long.parseLong(text.trim());
      if (timestamp < 0) {
        throw new IllegalArgumentException("header attribute " + HEADER_CREATION_TIMESTAMP
            + " must be epoch milliseconds >= 0 but was '" + text + "'");
      }
      return timestamp;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("header attribute " + HEADER_CREATION_TIMESTAMP
          + " must be epoch milliseconds but was '" + text + "'", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EventRecord
        && headerAttributes.equals(((EventRecord) o).headerAttributes)
        && fields.equals(((EventRecord) o).fields);
  }

  @Override
  public int hashCode() {
    return 31 * headerAttributes.hashCode() + fields.hashCode();
  }

  @Override
  public String toString() {
    return "EventRecord{headerAttributes=" + headerAttributes + ", fields=" + fields + "}";
  }
}
