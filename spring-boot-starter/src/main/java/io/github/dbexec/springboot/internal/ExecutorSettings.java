package io.github.dbexec.springboot.internal;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.JobsApiVersion;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.auth.AzureServicePrincipalCredentials;
import io.github.dbexec.auth.BasicCredentials;
import io.github.dbexec.auth.ConfigurationException;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.OAuthM2mCredentials;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TokenCredentials;
import io.github.dbexec.auth.WorkspaceConfig;
import io.github.dbexec.events.JsonLinesFileSink;
import io.github.dbexec.springboot.DbexecProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code dbexec.*} properties into a {@link ResolvedWorkspace} and a {@link DatabricksExecutor}. Every
 * setting the builders reject becomes an {@link InvalidConfigurationPropertyValueException} naming the property as
 * spelled in {@code application.properties} (the builders' messages start with their setting's name, which maps to
 * the property), with the value unless it is a secret.
 */
public final class ExecutorSettings {
  private static final String REDACTED = "<redacted>";

  private ExecutorSettings() {}

  /**
   * The workspace from the properties: at most one way to authenticate, or none and the Databricks environment and
   * profile ({@code environment}, {@code homeDirectory}) decide, with {@code dbexec.host} overriding the
   * environment's host.
   */
  public static ResolvedWorkspace resolve(DbexecProperties p, Map<String, String> environment, Path homeDirectory) {
    JobsApiVersion apiVersion = p.getApiVersion() == null ? JobsApiVersion.V2_2 : p.getApiVersion();
    @Nullable ProxyConfig proxy = ProxyConfig.fromEnvironment(environment);
    List<String> given = new ArrayList<>();
    // an empty value (dbexec.token=${DATABRICKS_TOKEN:}) counts as not given
    if (hasText(p.getToken())) {
      given.add("dbexec.token");
    }
    if (hasText(p.getOauth().getClientId()) || hasText(p.getOauth().getClientSecret())) {
      given.add("dbexec.oauth.*");
    }
    if (hasText(p.getAzure().getTenantId()) || hasText(p.getAzure().getClientId())
        || hasText(p.getAzure().getClientSecret())) {
      given.add("dbexec.azure.*");
    }
    if (hasText(p.getBasic().getUsername()) || hasText(p.getBasic().getPassword())) {
      given.add("dbexec.basic.*");
    }
    if (given.size() > 1) {
      throw new InvalidConfigurationPropertyValueException(given.get(1).replace(".*", ""), REDACTED,
          "Give one way to authenticate; found " + String.join(" and ", given) + ".");
    }
    if (given.isEmpty()) {
      Map<String, String> env = new HashMap<>(environment);
      if (p.getHost() != null) {
        env.put("DATABRICKS_HOST", p.getHost());
      }
      WorkspaceConfig config;
      try {
        config = WorkspaceConfig.resolve(env, homeDirectory);
      } catch (ConfigurationException e) {
        throw new InvalidConfigurationPropertyValueException("dbexec.token", null,
            "No dbexec credentials were given (dbexec.token, dbexec.oauth.*, dbexec.azure.*, dbexec.basic.*) and the "
                + "Databricks environment and profile give none usable: " + e.getMessage());
      }
      return new ResolvedWorkspace(config.host(), config.credentials(), apiVersion, proxy);
    }
    String hostText = p.getHost() != null ? p.getHost() : environment.get("DATABRICKS_HOST");
    if (hostText == null || hostText.isBlank()) {
      throw new InvalidConfigurationPropertyValueException("dbexec.host", hostText,
          "dbexec.host is required with " + given.get(0) + ", e.g. https://adb-1234567890123456.7.azuredatabricks.net");
    }
    HttpUrl host = parseHost(hostText);
    CredentialsStrategy credentials = switch (given.get(0)) {
      case "dbexec.token" -> check("dbexec.", Map.of("token", REDACTED), () -> TokenCredentials.of(orEmpty(p.getToken())));
      case "dbexec.oauth.*" -> oauth(p.getOauth());
      case "dbexec.azure.*" -> azure(p.getAzure());
      default -> check("dbexec.basic.", values("username", p.getBasic().getUsername(), "password", REDACTED),
          () -> BasicCredentials.of(orEmpty(p.getBasic().getUsername()), orEmpty(p.getBasic().getPassword())));
    };
    return new ResolvedWorkspace(host, credentials, apiVersion, proxy);
  }

  /** A builder for the executor of {@code workspace}, with every {@code dbexec.*} setting given applied. */
  public static DatabricksExecutor build(DbexecProperties p, ResolvedWorkspace workspace,
      ExecutorListener.@Nullable Factory listenerFactory) {
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    values.put("host", workspace.host());
    DatabricksExecutor.Builder b = DatabricksExecutor.builder().host(workspace.host().toString())
        .credentials(workspace.credentials()).apiVersion(workspace.apiVersion());
    if (workspace.proxy() != null) {
      b.proxy(workspace.proxy());
    }
    if (p.getConnectTimeout() != null) {
      b.connectTimeout(p.getConnectTimeout());
      values.put("connectTimeout", p.getConnectTimeout());
    }
    if (p.getReadTimeout() != null) {
      b.readTimeout(p.getReadTimeout());
      values.put("readTimeout", p.getReadTimeout());
    }
    if (p.getCallTimeout() != null) {
      b.callTimeout(p.getCallTimeout());
      values.put("callTimeout", p.getCallTimeout());
    }
    if (p.getMaxSubmissionsInFlight() != null) {
      b.maxSubmissionsInFlight(p.getMaxSubmissionsInFlight());
      values.put("maxSubmissionsInFlight", p.getMaxSubmissionsInFlight());
    }
    if (p.getQueueReporting() != null) {
      b.queueReporting(p.getQueueReporting());
    }
    if (p.getJobSettingsTtl() != null) {
      b.jobSettingsTtl(p.getJobSettingsTtl());
      values.put("jobSettingsTtl", p.getJobSettingsTtl());
    }
    b.retryPolicy(retryPolicy(p.getRetry()));
    if (listenerFactory != null) {
      b.listenerFactory(listenerFactory);
    }
    Path file = p.getEvents().getJsonLinesFile();
    JsonLinesFileSink sink = null;
    if (file != null) {
      try {
        sink = JsonLinesFileSink.open(file);
      } catch (IOException | RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException("dbexec.events.json-lines-file", file,
            "The event file cannot be opened for appending: " + e.getMessage());
      }
      b.addEventSink(sink);
    }
    try {
      return check("dbexec.", values, b::build);
    } catch (RuntimeException e) {
      closeQuietly(sink, e); // the executor that would have closed it was not built
      throw e;
    }
  }

  private static void closeQuietly(@Nullable JsonLinesFileSink sink, RuntimeException failure) {
    if (sink != null) {
      try {
        sink.close();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static RetryPolicy retryPolicy(DbexecProperties.Retry r) {
    Map<String, @Nullable Object> values = values("maxAttempts", r.getMaxAttempts(), "initialBackoff",
        r.getInitialBackoff(), "maxBackoff", r.getMaxBackoff(), "jitter", r.getJitter(), "maxRetryAfter",
        r.getMaxRetryAfter(), "deadline", r.getDeadline());
    return check("dbexec.retry.", values, () -> {
      RetryPolicy.Builder policy = RetryPolicy.custom();
      if (r.getMaxAttempts() != null) {
        policy.maxAttempts(r.getMaxAttempts());
      }
      if (r.getInitialBackoff() != null) {
        policy.initialBackoff(r.getInitialBackoff());
      }
      if (r.getMaxBackoff() != null) {
        policy.maxBackoff(r.getMaxBackoff());
      }
      if (r.getJitter() != null) {
        policy.jitter(r.getJitter());
      }
      if (r.getMaxRetryAfter() != null) {
        policy.maxRetryAfter(r.getMaxRetryAfter());
      }
      if (r.getDeadline() != null) {
        policy.deadline(r.getDeadline());
      }
      return policy.build();
    });
  }

  private static CredentialsStrategy oauth(DbexecProperties.OAuth o) {
    return check("dbexec.oauth.", values("clientId", o.getClientId(), "clientSecret", REDACTED, "scope", o.getScope()),
        () -> {
          OAuthM2mCredentials.Builder b = OAuthM2mCredentials.builder().clientId(orEmpty(o.getClientId()))
              .clientSecret(orEmpty(o.getClientSecret()));
          if (o.getScope() != null) {
            b.scope(o.getScope());
          }
          return b.build();
        });
  }

  private static CredentialsStrategy azure(DbexecProperties.Azure a) {
    return check("dbexec.azure.", values("tenantId", a.getTenantId(), "clientId", a.getClientId(), "clientSecret",
        REDACTED, "workspaceResourceId", a.getWorkspaceResourceId()), () -> {
          AzureServicePrincipalCredentials.Builder b = AzureServicePrincipalCredentials.builder()
              .tenantId(orEmpty(a.getTenantId())).clientId(orEmpty(a.getClientId()))
              .clientSecret(orEmpty(a.getClientSecret()));
          if (a.getWorkspaceResourceId() != null) {
            b.workspaceResourceId(a.getWorkspaceResourceId());
          }
          return b.build();
        });
  }

  /**
   * Runs a builder step; what it rejects is reported against the property {@code prefix + kebab(setting)}, the
   * setting being the first word of the builder's message.
   */
  private static <T> T check(String prefix, Map<String, @Nullable Object> values, Supplier<T> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      if (e instanceof NullPointerException) {
        throw e;
      }
      String message = String.valueOf(e.getMessage());
      String setting = message.split("[^A-Za-z]", 2)[0];
      if (setting.equals("credentials")) {
        setting = "token";
      }
      String property = prefix + kebab(setting);
      throw new InvalidConfigurationPropertyValueException(property, values.get(setting), message);
    }
  }

  private static Map<String, @Nullable Object> values(@Nullable Object... keysAndValues) {
    Map<String, @Nullable Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return map;
  }

  static String kebab(String camel) {
    StringBuilder s = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        s.append('-').append(Character.toLowerCase(c));
      } else {
        s.append(c);
      }
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }

  private static HttpUrl parseHost(String host) {
    String h = host.trim();
    HttpUrl url = HttpUrl.parse(h.contains("://") ? h : "https://" + h);
    if (url == null) {
      throw new InvalidConfigurationPropertyValueException("dbexec.host", host, "dbexec.host is not a valid http(s) URL.");
    }
    return url;
  }

  private static boolean hasText(@Nullable String s) {
    return s != null && !s.isBlank();
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
