package io.github.dbexec.testkit.internal;

/** What a fault does to a matching request. */
public enum FaultAction {
  /** Answer with a status and a Databricks error body; the request is not handled. */
  RESPOND_ERROR(false),
  /** 429 REQUEST_LIMIT_EXCEEDED with Retry-After; not handled. */
  RATE_LIMITED(false),
  /** Close the connection without answering; not handled. */
  DROP_CONNECTION(false),
  /** Handle the request (state changes), then close the connection without answering. */
  LOSE_RESPONSE(true),
  /** Answer with a status and no body; handled only when the status is 2xx. */
  EMPTY_BODY(false),
  /** Handle the request, then answer with its JSON body cut in half (a complete HTTP response). */
  TRUNCATED_BODY(true),
  /** Handle the request and answer normally after a wall-clock delay. */
  DELAY(true),
  /** Read the request and never answer (the connection stays open until the server closes). */
  NO_RESPONSE(false),
  /** Handle the request, then send the headers and part of the body and close the connection. */
  DISCONNECT_DURING_BODY(true);

  private final boolean handles;

  FaultAction(boolean handles) {
    this.handles = handles;
  }

  /** Whether the request still reaches the Jobs API (and may change state). */
  public boolean handles(int status) {
    return this == EMPTY_BODY ? status >= 200 && status < 300 : handles;
  }
}
