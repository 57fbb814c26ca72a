package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.RecordJson;
import io.github.dbexec.events.internal.Values;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event as header attributes plus a map of fields: the record shape of StreamSets Data Collector's
 * Databricks executor, which dbexec's records stay compatible with. {@link EventCodec} converts between
 * records and the typed {@link ExecutorEvent}s; this class knows nothing of the types, so records of types
 * this version does not know (written by a newer dbexec, say) stay readable.
 *
 * <p>Header attributes are strings: {@value #HEADER_EVENT_TYPE} (the event type),
 * {@value #HEADER_EVENT_VERSION} (an integer written as a string, for example {@code "1"}) and
 * {@value #HEADER_CREATION_TIMESTAMP} (epoch milliseconds written as a string). All three are required;
 * other header attributes are kept as they are.
 *
 * <p>Field values are JSON values: {@link String}, {@link Long} (every JSON integer that fits; integers are
 * read exactly, never through {@code double}), {@link java.math.BigDecimal} (any other number),
 * {@link Boolean}, {@code Map<String, Object>} and {@code List<Object>}. {@link Integer}, {@link Double}
 * and friends given to the constructor are normalised to these; a {@code null} value means absent and is
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
 * <p>Immutable and thread-safe; equal when header attributes and fields are equal.
 *
 * @param headerAttributes the header attributes, copied; unmodifiable, in their original order
 * @param fields the fields, normalised and copied; unmodifiable, in their original order
 */
public record EventRecord(Map<String, String> headerAttributes, Map<String, Object> fields) {
  /** Header attribute holding the event type, for example {@code AppSubmittedEvent}. */
  public static final String HEADER_EVENT_TYPE = "sdc.event.type";
  /** Header attribute holding the event type's version, an integer written as a string. */
  public static final String HEADER_EVENT_VERSION = "sdc.event.version";
  /** Header attribute holding the creation time in epoch milliseconds, written as a string. */
  public static final String HEADER_CREATION_TIMESTAMP = "sdc.event.creation_timestamp";
  /** The {@code AppSubmittedEvent} field holding the run id, as the Data Collector's documentation names it. */
  public static final String FIELD_APP_ID = "app_id";
  /**
   * The spelling the Data Collector's Databricks executor actually wrote for {@link #FIELD_APP_ID};
   * accepted when reading, never written.
   */
  public static final String FIELD_APP_ID_HYPHENATED = "app-id";

  /**
   * A record from header attributes and fields, both copied.
   *
   * @param headerAttributes the header attributes, copied; unmodifiable, in their original order
   * @param fields the fields, normalised and copied; unmodifiable, in their original order
   * @throws IllegalArgumentException if a required header attribute is missing or malformed (the message
   *     names it), or a field value is not a JSON value
   * @throws NullPointerException if a map, a header name or a header value is {@code null}
   */
  public EventRecord {
    Checks.notNull(headerAttributes, "headerAttributes");
    Checks.notNull(fields, "fields");
    Map<String, String> headers = new LinkedHashMap<>();
    headerAttributes.forEach((name, value) -> headers.put(Checks.notNull(name, "header attribute name"),
        Checks.notNull(value, "header attribute " + name)));
    String type = headers.get(HEADER_EVENT_TYPE);
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("header attribute " + HEADER_EVENT_TYPE + " is required but was "
          + (type == null ? "absent" : "'" + type + "'"));
    }
    parseVersion(headers.get(HEADER_EVENT_VERSION));
    parseTimestamp(headers.get(HEADER_CREATION_TIMESTAMP));
    headerAttributes = Collections.unmodifiableMap(headers);
    fields = Values.normalizeMap(fields, "fields");
  }

  /**
   * As the constructor, for field maps of any value type (for example {@code Map<String, Integer>}).
   *
   * @param headerAttributes the header attributes, copied; unmodifiable, in their original order
   * @param fields the fields, normalised and copied; unmodifiable, in their original order
   * @return the record
   */
  @SuppressWarnings("unchecked") // safe: the constructor copies and checks every value
  public static EventRecord of(Map<String, String> headerAttributes, Map<String, ?> fields) {
    return new EventRecord(headerAttributes, (Map<String, Object>) fields);
  }

  /**
   * A record with the three standard header attributes.
   *
   * @param type the event type ({@value #HEADER_EVENT_TYPE}), not blank
   * @param version the type's version ({@value #HEADER_EVENT_VERSION}), {@code >= 1}
   * @param creationTimestamp epoch milliseconds ({@value #HEADER_CREATION_TIMESTAMP}), {@code >= 0}
   * @param fields the fields, copied; {@code null} values are dropped
   * @return the record
   * @throws IllegalArgumentException if a value is out of range or blank (the message names it)
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
   * @param json one JSON object, as written by {@link #toJson()}
   * @return the record
   * @throws EventFormatException if the JSON is malformed or a required header attribute is missing or
   *     malformed
   */
  public static EventRecord fromJson(String json) {
    RecordJson.Parts parts = RecordJson.parse(json);
    try {
      return new EventRecord(parts.headerAttributes(), parts.fields());
    } catch (IllegalArgumentException e) {
      throw new EventFormatException(e.getMessage(), e);
    }
  }

  /**
   * This record as one compact JSON object, without a trailing newline; never contains a line break.
   *
   * @return the JSON text
   */
  public String toJson() {
    return RecordJson.write(headerAttributes, fields);
  }

  /**
   * The event type; header attribute {@value #HEADER_EVENT_TYPE}.
   *
   * @return the event type, never blank
   */
  public String type() {
    return headerAttributes.get(HEADER_EVENT_TYPE);
  }

  /**
   * The event type's version, {@code >= 1}; header attribute {@value #HEADER_EVENT_VERSION} parsed.
   *
   * @return the version, {@code >= 1}
   */
  public int version() {
    return parseVersion(headerAttributes.get(HEADER_EVENT_VERSION));
  }

  /**
   * Creation time in epoch milliseconds; header attribute {@value #HEADER_CREATION_TIMESTAMP} parsed.
   *
   * @return the creation time, epoch milliseconds
   */
  public long creationTimestamp() {
    return parseTimestamp(headerAttributes.get(HEADER_CREATION_TIMESTAMP));
  }

  private static int parseVersion(@Nullable String text) {
    if (text == null) {
      throw new IllegalArgumentException("header attribute " + HEADER_EVENT_VERSION + " is required");
    }
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

  private static long parseTimestamp(@Nullable String text) {
    if (text == null) {
      throw new IllegalArgumentException("header attribute " + HEADER_CREATION_TIMESTAMP + " is required");
    }
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
}
