package io.github.dbexec.auth;

import java.io.IOException;
import java.util.Map;

/**
 * Produces the authentication headers for the next request to a Databricks workspace.
 *
 * <p>Obtained from {@link CredentialsStrategy#configure(AuthContext)}, once per executor, and called
 * before every request (usually through {@link CredentialsInterceptor}). Implementations are
 * thread-safe and may be called from many threads at once; strategies that fetch tokens cache them and
 * refresh them here when they are about to expire.
 *
 * <p>The returned map is never null, holds header names to values (typically {@code Authorization}),
 * and must be treated as read-only. Its values are secrets: never log them.
 */
@FunctionalInterface
public interface HeaderFactory {

  /**
   * Returns the headers to add to the next request.
   *
   * @return header name to value, never null; may be empty
   * @throws CredentialsException when credentials cannot be obtained (a token endpoint refused the client,
   *     a supplier returned nothing); {@link CredentialsException#isRetryable()} says whether trying
   *     again later may succeed
   * @throws IOException when a token endpoint cannot be reached
   */
  Map<String, String> headers() throws IOException;
}
