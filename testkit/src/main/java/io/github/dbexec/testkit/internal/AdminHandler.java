package io.github.dbexec.testkit.internal;

/** Answers the admin API under {@code /__fake/}; implemented next to the public server class. */
@FunctionalInterface
public interface AdminHandler {
  /**
   * @param request the admin request ({@link ApiRequest#endpoint()} is the path after {@code /__fake})
   * @throws ApiException for a bad request
   */
  ApiResponse handle(ApiRequest request);
}
