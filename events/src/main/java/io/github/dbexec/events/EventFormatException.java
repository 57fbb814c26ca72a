package io.github.dbexec.events;

/**
 * An event record could not be read: the JSON is malformed, a header attribute is missing or has the wrong
 * form, a field a typed event needs is absent or of the wrong type, or the {@code sdc.event.type} is not
 * one this version of dbexec knows (see {@link UnknownEventTypeException}). The message names the header
 * or field and the bad value.
 */
public class EventFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; {@code message} names the header or field and the bad value.
   *
   * @param message what is wrong, naming the header or field and the bad value
   */
  public EventFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the parse failure that caused it.
   *
   * @param message what is wrong, naming the header or field and the bad value
   * @param cause the parse failure, for example a malformed JSON line
   */
  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
