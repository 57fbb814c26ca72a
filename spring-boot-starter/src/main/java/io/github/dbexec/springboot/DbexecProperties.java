package io.github.dbexec.springboot;

import io.github.dbexec.JobsApiVersion;
import io.github.dbexec.QueueReporting;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dbexec.*} properties of the auto-configured {@code DatabricksExecutor}. Give at most one way to
 * authenticate ({@code dbexec.token}, {@code dbexec.oauth.*}, {@code dbexec.azure.*} or {@code dbexec.basic.*}; an empty value counts as
 * not given); with none, the host and credentials are resolved from the environment as Databricks clients do
 * ({@code DATABRICKS_HOST}, {@code DATABRICKS_TOKEN}, ..., a {@code ~/.databrickscfg} profile), and
 * {@code dbexec.host}, when set, overrides the environment's host. Unset values keep the executor's defaults.
 * Mutable, as Spring binds it; its {@code toString()} never shows a secret.
 */
@ConfigurationProperties("dbexec")
public class DbexecProperties {

  /** Workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net. Default: DATABRICKS_HOST. */
  private @Nullable String host;

  /** Personal access token (sent as Authorization: Bearer). Secret. */
  private @Nullable String token;

  /** Jobs API version called. Default V2_2. */
  private @Nullable JobsApiVersion apiVersion;

  /** Timeout to establish a connection. Default 10s. */
  private @Nullable Duration connectTimeout;

  /** Timeout between bytes read or written. Default 30s. */
  private @Nullable Duration readTimeout;

  /** Timeout for one whole HTTP call (one attempt). Default 60s. */
  private @Nullable Duration callTimeout;

  /** Most asynchronous submissions in flight at once. Default 16. */
  private @Nullable Integer maxSubmissionsInFlight;

  /** How much to ask the workspace for each queue report: OFF, RUN_STATE, JOB_SETTINGS, ACTIVE_RUNS. Default JOB_SETTINGS. */
  private @Nullable QueueReporting queueReporting;

  /** How long a job's settings are cached for queue reports; 0 disables the cache. Default 60s. */
  private @Nullable Duration jobSettingsTtl;

  private final OAuth oauth = new OAuth();
  private final Azure azure = new Azure();
  private final Basic basic = new Basic();
  private final Retry retry = new Retry();
  private final Events events = new Events();
  private final Health health = new Health();

  public @Nullable String getHost() {
    return host;
  }

  public void setHost(@Nullable String host) {
    this.host = host;
  }

  public @Nullable String getToken() {
    return token;
  }

  public void setToken(@Nullable String token) {
    this.token = token;
  }

  public @Nullable JobsApiVersion getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(@Nullable JobsApiVersion apiVersion) {
    this.apiVersion = apiVersion;
  }

  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public @Nullable Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(@Nullable Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public @Nullable Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(@Nullable Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public @Nullable Integer getMaxSubmissionsInFlight() {
    return maxSubmissionsInFlight;
  }

  public void setMaxSubmissionsInFlight(@Nullable Integer maxSubmissionsInFlight) {
    this.maxSubmissionsInFlight = maxSubmissionsInFlight;
  }

  public @Nullable QueueReporting getQueueReporting() {
    return queueReporting;
  }

  public void setQueueReporting(@Nullable QueueReporting queueReporting) {
    this.queueReporting = queueReporting;
  }

  public @Nullable Duration getJobSettingsTtl() {
    return jobSettingsTtl;
  }

  public void setJobSettingsTtl(@Nullable Duration jobSettingsTtl) {
    this.jobSettingsTtl = jobSettingsTtl;
  }

  public OAuth getOauth() {
    return oauth;
  }

  public Azure getAzure() {
    return azure;
  }

  public Basic getBasic() {
    return basic;
  }

  public Retry getRetry() {
    return retry;
  }

  public Events getEvents() {
    return events;
  }

  public Health getHealth() {
    return health;
  }

  @Override
  public String toString() {
    return "DbexecProperties{host=" + host + ", token=" + redact(token) + ", apiVersion=" + apiVersion
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout
        + ", maxSubmissionsInFlight=" + maxSubmissionsInFlight + ", queueReporting=" + queueReporting
        + ", jobSettingsTtl=" + jobSettingsTtl + ", oauth=" + oauth + ", azure=" + azure + ", basic=" + basic
        + ", retry=" + retry + ", events=" + events + ", health=" + health + '}';
  }

  static String redact(@Nullable String secret) {
    return secret == null ? "null" : "<redacted>";
  }

  /** OAuth machine-to-machine: a service principal's client credentials ({@code oauth-m2m}). */
  public static class OAuth {
    /** The service principal's OAuth client id (its application id). */
    private @Nullable String clientId;

    /** The OAuth client secret. Secret. */
    private @Nullable String clientSecret;

    /** The OAuth scope. Default all-apis. */
    private @Nullable String scope;

    public @Nullable String getClientId() {
      return clientId;
    }

    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public @Nullable String getScope() {
      return scope;
    }

    public void setScope(@Nullable String scope) {
      this.scope = scope;
    }


    @Override
    public String toString() {
      return "OAuth{clientId=" + clientId + ", clientSecret=" + redact(clientSecret) + ", scope=" + scope + '}';
    }
  }

  /** A Microsoft Entra ID service principal ({@code azure-client-secret}). */
  public static class Azure {
    /** The Entra ID tenant (directory) id or domain. */
    private @Nullable String tenantId;

    /** The service principal's application (client) id. */
    private @Nullable String clientId;

    /** The service principal's client secret. Secret. */
    private @Nullable String clientSecret;

    /** The workspace's Azure resource id, when the principal is not a workspace user yet. */
    private @Nullable String workspaceResourceId;

    public @Nullable String getTenantId() {
      return tenantId;
    }

    public void setTenantId(@Nullable String tenantId) {
      this.tenantId = tenantId;
    }

    public @Nullable String getClientId() {
      return clientId;
    }

    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public @Nullable String getWorkspaceResourceId() {
      return workspaceResourceId;
    }

    public void setWorkspaceResourceId(@Nullable String workspaceResourceId) {
      this.workspaceResourceId = workspaceResourceId;
    }


    @Override
    public String toString() {
      return "Azure{tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=" + redact(clientSecret)
          + ", workspaceResourceId=" + workspaceResourceId + '}';
    }
  }

  /** User name and password (retired by Databricks for most workspaces; prefer a token or OAuth). */
  public static class Basic {
    /** The user name. */
    private @Nullable String username;

    /** The password. Secret. */
    private @Nullable String password;

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }


    @Override
    public String toString() {
      return "Basic{username=" + username + ", password=" + redact(password) + '}';
    }
  }

  /** When the executor retries (429, 5xx, connection failures, timeouts). Unset values keep the defaults. */
  public static class Retry {
    /** Most attempts per request, the first included; 1 disables retries. Default 6. */
    private @Nullable Integer maxAttempts;

    /** Backoff before the first retry, doubling after each. Default 500ms. */
    private @Nullable Duration initialBackoff;

    /** Longest backoff between two attempts. Default 30s. */
    private @Nullable Duration maxBackoff;

    /** Random spread of each backoff, 0 to 1. Default 0.2. */
    private @Nullable Double jitter;

    /** Longest Retry-After honoured. Default 60s. */
    private @Nullable Duration maxRetryAfter;

    /** Time after the first attempt after which no further attempt starts. Default 3m. */
    private @Nullable Duration deadline;

    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(@Nullable Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public @Nullable Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(@Nullable Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public @Nullable Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(@Nullable Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public @Nullable Double getJitter() {
      return jitter;
    }

    public void setJitter(@Nullable Double jitter) {
      this.jitter = jitter;
    }

    public @Nullable Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    public @Nullable Duration getDeadline() {
      return deadline;
    }

    public void setDeadline(@Nullable Duration deadline) {
      this.deadline = deadline;
    }

    @Override
    public String toString() {
      return "Retry{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
          + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter + ", deadline=" + deadline + '}';
    }
  }

  /** Where the executor's event records go. */
  public static class Events {
    /** A JSON-lines file each event is appended to (one record a line); created if missing. Default: none. */
    private @Nullable Path jsonLinesFile;

    public @Nullable Path getJsonLinesFile() {
      return jsonLinesFile;
    }

    public void setJsonLinesFile(@Nullable Path jsonLinesFile) {
      this.jsonLinesFile = jsonLinesFile;
    }

    @Override
    public String toString() {
      return "Events{jsonLinesFile=" + jsonLinesFile + '}';
    }
  }

  /** The actuator health indicator ({@code management.health.dbexec.enabled} turns it off). */
  public static class Health {
    /** How long one check's answer is reused, so health probes do not each call the workspace. Default 30s. */
    private Duration cacheTtl = Duration.ofSeconds(30);

    /** The longest one check may take (connection, request and answer). Default 10s. */
    private Duration timeout = Duration.ofSeconds(10);

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getCacheTtl() {
      return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }

    @Override
    public String toString() {
      return "Health{cacheTtl=" + cacheTtl + ", timeout=" + timeout + '}';
    }
  }
}
