package io.github.dbexec;

/**
 * A request or configuration was rejected by dbexec before anything was sent: parameter kinds the Jobs API does
 * not allow together, a parameter field over 10,000 bytes of JSON, non-ASCII text where the API needs ASCII, an id
 * that is not positive, an idempotency token over 64 characters. (A misconfigured builder throws
 * {@link IllegalArgumentException} instead.) The message names
 * the field ({@link #field()}) and the rule; never retryable.
 */
public final class InvalidRequestException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  /** The Jobs API field at fault, e.g. {@code job_parameters}. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the offending field, in the Jobs API's spelling where it has one (e.g. {@code notebook_params})
   * @param message the rule that was broken and what to do, starting with the field name
   */
  public InvalidRequestException(String field, String message) {
    super(message, null);
    this.field = field;
  }

  /** {@return the field that broke a rule, e.g. {@code jar_params}, {@code idempotency_token}, {@code host}} */
  public String field() {
    return field;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
