package io.github.dbexec.springboot.internal;

import io.github.dbexec.JobsApiVersion;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.ProxyConfig;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The workspace, credentials and proxy the starter resolved from {@code dbexec.*} properties or the environment,
 * shared by the executor and the health check. Immutable; its {@code toString()} shows no secret (strategies redact
 * theirs).
 */
public record ResolvedWorkspace(
    HttpUrl host, CredentialsStrategy credentials, JobsApiVersion apiVersion, @Nullable ProxyConfig proxy) {

  /** Validates the components. */
  public ResolvedWorkspace {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(apiVersion, "apiVersion");
  }

  /** How the executor authenticates, as Databricks clients name it ({@code pat}, {@code oauth-m2m}, ...). */
  public String authType() {
    return credentials.authType();
  }
}
