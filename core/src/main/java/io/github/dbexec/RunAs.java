package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The identity a one-time run runs as ({@code run_as}): a user or a service principal, exactly one. The caller
 * needs permission to use it. Immutable and thread-safe.
 *
 * @param userName {@code run_as.user_name}, a workspace user's e-mail; null when a service principal is given
 * @param servicePrincipalName {@code run_as.service_principal_name}, a service principal's application id; null when
 *     a user is given
 */
public record RunAs(@Nullable String userName, @Nullable String servicePrincipalName) {
  /**
   * Checks that exactly one identity is given.
   *
   * @param userName {@code run_as.user_name}, a workspace user's e-mail; null when a service principal is given
   * @param servicePrincipalName {@code run_as.service_principal_name}, a service principal's application id; null when
   *     a user is given
   * @throws IllegalArgumentException when both or neither are given, or one is blank
   */
  public RunAs {
    if ((userName == null) == (servicePrincipalName == null)) {
      throw new IllegalArgumentException("run_as takes exactly one of user_name and service_principal_name");
    }
    if ((userName != null && userName.isBlank())
        || (servicePrincipalName != null && servicePrincipalName.isBlank())) {
      throw new IllegalArgumentException("run_as must not be blank");
    }
  }

  /**
   * Runs as the workspace user {@code userName} ({@code run_as.user_name}).
   * @param userName the workspace user's name, e.g. {@code someone@example.com}
   * @return the identity
   */
  public static RunAs user(String userName) {
    return new RunAs(Objects.requireNonNull(userName, "userName"), null);
  }

  /**
   * Runs as the service principal with this application id ({@code run_as.service_principal_name}).
   * @param applicationId the service principal's application id (a UUID)
   * @return the identity
   */
  public static RunAs servicePrincipal(String applicationId) {
    return new RunAs(null, Objects.requireNonNull(applicationId, "applicationId"));
  }
}
