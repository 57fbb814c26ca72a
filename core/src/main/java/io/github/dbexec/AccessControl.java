package io.github.dbexec;

import java.util.Objects;

/**
 * A permission on a one-time run: one element of {@code access_control_list}, e.g. {@code {"group_name":
 * "data-eng", "permission_level": "CAN_VIEW"}}. Immutable and thread-safe.
 *
 * @param principalKind whom {@code principal} names, and so which field it is sent in
 * @param principal the user's e-mail, the group's name or the service principal's application id
 * @param permissionLevel {@code permission_level}
 */
public record AccessControl(PrincipalKind principalKind, String principal, PermissionLevel permissionLevel) {
  /** Whom an access control entry names. */
  public enum PrincipalKind {
    /** {@code user_name}. */
    USER("user_name"),
    /** {@code group_name}. */
    GROUP("group_name"),
    /** {@code service_principal_name}. */
    SERVICE_PRINCIPAL("service_principal_name");

    private final String field;

    PrincipalKind(String field) {
      this.field = field;
    }

    /** {@return the Jobs API field, e.g. {@code group_name}} */
    public String field() {
      return field;
    }
  }

  /** A permission on a job or run ({@code permission_level}); the constant's name is the Jobs API's value. */
  public enum PermissionLevel {
    /** See the run and its results. */
    CAN_VIEW,
    /** See, cancel and re-run the run. */
    CAN_MANAGE_RUN,
    /** Everything, permissions included. */
    CAN_MANAGE,
    /** Owner. */
    IS_OWNER
  }

  /**
   * Checks that the principal is not blank.
   *
   * @param principalKind whom {@code principal} names, and so which field it is sent in
   * @param principal the user's e-mail, the group's name or the service principal's application id
   * @param permissionLevel {@code permission_level}
   * @throws IllegalArgumentException for a blank principal
   */
  public AccessControl {
    Objects.requireNonNull(principalKind, "principalKind");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(permissionLevel, "permissionLevel");
    if (principal.isBlank()) {
      throw new IllegalArgumentException("access_control_list: " + principalKind.field() + " must not be blank");
    }
  }

  /**
   * A user's permission ({@code user_name}).
   * @param userName the workspace user's name, e.g. {@code someone@example.com}
   * @param level the permission granted on the run, e.g. {@code CAN_VIEW}
   * @return the {@code access_control_list} entry for that user
   */
  public static AccessControl user(String userName, PermissionLevel level) {
    return new AccessControl(PrincipalKind.USER, userName, level);
  }

  /**
   * A group's permission ({@code group_name}).
   * @param groupName the workspace group's name, e.g. {@code data-engineers}
   * @param level the permission granted on the run, e.g. {@code CAN_VIEW}
   * @return the {@code access_control_list} entry for that group
   */
  public static AccessControl group(String groupName, PermissionLevel level) {
    return new AccessControl(PrincipalKind.GROUP, groupName, level);
  }

  /**
   * A service principal's permission ({@code service_principal_name}: its application id).
   * @param applicationId the service principal's application id (a UUID)
   * @param level the permission granted on the run, e.g. {@code CAN_VIEW}
   * @return the {@code access_control_list} entry for that service principal
   */
  public static AccessControl servicePrincipal(String applicationId, PermissionLevel level) {
    return new AccessControl(PrincipalKind.SERVICE_PRINCIPAL, applicationId, level);
  }
}
