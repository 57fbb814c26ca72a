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

  /**
   * {@code dbexec.host}: Workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net. Default:
   * DATABRICKS_HOST.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable String getHost() {
    return host;
  }

  /**
   * Sets {@code dbexec.host}: Workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net. Default:
   * DATABRICKS_HOST.
   *
   * @param host the value, or null to leave it unset
   */
  public void setHost(@Nullable String host) {
    this.host = host;
  }

  /**
   * {@code dbexec.token}: Personal access token (sent as Authorization: Bearer). Secret.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable String getToken() {
    return token;
  }

  /**
   * Sets {@code dbexec.token}: Personal access token (sent as Authorization: Bearer). Secret.
   *
   * @param token the value, or null to leave it unset
   */
  public void setToken(@Nullable String token) {
    this.token = token;
  }

  /**
   * {@code dbexec.api-version}: Jobs API version called. Default V2_2.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable JobsApiVersion getApiVersion() {
    return apiVersion;
  }

  /**
   * Sets {@code dbexec.api-version}: Jobs API version called. Default V2_2.
   *
   * @param apiVersion the value, or null to leave it unset
   */
  public void setApiVersion(@Nullable JobsApiVersion apiVersion) {
    this.apiVersion = apiVersion;
  }

  /**
   * {@code dbexec.connect-timeout}: Timeout to establish a connection. Default 10s.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code dbexec.connect-timeout}: Timeout to establish a connection. Default 10s.
   *
   * @param connectTimeout the value, or null to leave it unset
   */
  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * {@code dbexec.read-timeout}: Timeout between bytes read or written. Default 30s.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable Duration getReadTimeout() {
    return readTimeout;
  }

  /**
   * Sets {@code dbexec.read-timeout}: Timeout between bytes read or written. Default 30s.
   *
   * @param readTimeout the value, or null to leave it unset
   */
  public void setReadTimeout(@Nullable Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /**
   * {@code dbexec.call-timeout}: Timeout for one whole HTTP call (one attempt). Default 60s.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets {@code dbexec.call-timeout}: Timeout for one whole HTTP call (one attempt). Default 60s.
   *
   * @param callTimeout the value, or null to leave it unset
   */
  public void setCallTimeout(@Nullable Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /**
   * {@code dbexec.max-submissions-in-flight}: Most asynchronous submissions in flight at once. Default 16.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable Integer getMaxSubmissionsInFlight() {
    return maxSubmissionsInFlight;
  }

  /**
   * Sets {@code dbexec.max-submissions-in-flight}: Most asynchronous submissions in flight at once. Default 16.
   *
   * @param maxSubmissionsInFlight the value, or null to leave it unset
   */
  public void setMaxSubmissionsInFlight(@Nullable Integer maxSubmissionsInFlight) {
    this.maxSubmissionsInFlight = maxSubmissionsInFlight;
  }

  /**
   * {@code dbexec.queue-reporting}: How much to ask the workspace for each queue report: OFF, RUN_STATE,
   * JOB_SETTINGS, ACTIVE_RUNS. Default JOB_SETTINGS.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable QueueReporting getQueueReporting() {
    return queueReporting;
  }

  /**
   * Sets {@code dbexec.queue-reporting}: How much to ask the workspace for each queue report: OFF, RUN_STATE,
   * JOB_SETTINGS, ACTIVE_RUNS. Default JOB_SETTINGS.
   *
   * @param queueReporting the value, or null to leave it unset
   */
  public void setQueueReporting(@Nullable QueueReporting queueReporting) {
    this.queueReporting = queueReporting;
  }

  /**
   * {@code dbexec.job-settings-ttl}: How long a job's settings are cached for queue reports; 0 disables the cache.
   * Default 60s.
   *
   * @return the value, or null when not set (then the default applies)
   */
  public @Nullable Duration getJobSettingsTtl() {
    return jobSettingsTtl;
  }

  /**
   * Sets {@code dbexec.job-settings-ttl}: How long a job's settings are cached for queue reports; 0 disables the
   * cache. Default 60s.
   *
   * @param jobSettingsTtl the value, or null to leave it unset
   */
  public void setJobSettingsTtl(@Nullable Duration jobSettingsTtl) {
    this.jobSettingsTtl = jobSettingsTtl;
  }

  /**
   * The {@code dbexec.oauth.*} properties.
   *
   * @return the group, never null; change it in place
   */
  public OAuth getOauth() {
    return oauth;
  }

  /**
   * The {@code dbexec.azure.*} properties.
   *
   * @return the group, never null; change it in place
   */
  public Azure getAzure() {
    return azure;
  }

  /**
   * The {@code dbexec.basic.*} properties.
   *
   * @return the group, never null; change it in place
   */
  public Basic getBasic() {
    return basic;
  }

  /**
   * The {@code dbexec.retry.*} properties.
   *
   * @return the group, never null; change it in place
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * The {@code dbexec.events.*} properties.
   *
   * @return the group, never null; change it in place
   */
  public Events getEvents() {
    return events;
  }

  /**
   * The {@code dbexec.health.*} properties.
   *
   * @return the group, never null; change it in place
   */
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

    /**
     * {@code dbexec.oauth.client-id}: The service principal's OAuth client id (its application id).
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getClientId() {
      return clientId;
    }

    /**
     * Sets {@code dbexec.oauth.client-id}: the service principal's OAuth client id (its application id).
     *
     * @param clientId the value, or null to leave it unset
     */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    /**
     * {@code dbexec.oauth.client-secret}: The OAuth client secret. Secret.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    /**
     * Sets {@code dbexec.oauth.client-secret}: the OAuth client secret. Secret.
     *
     * @param clientSecret the value, or null to leave it unset
     */
    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /**
     * {@code dbexec.oauth.scope}: The OAuth scope. Default all-apis.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getScope() {
      return scope;
    }

    /**
     * Sets {@code dbexec.oauth.scope}: the OAuth scope. Default all-apis.
     *
     * @param scope the value, or null to leave it unset
     */
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

    /**
     * {@code dbexec.azure.tenant-id}: The Entra ID tenant (directory) id or domain.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getTenantId() {
      return tenantId;
    }

    /**
     * Sets {@code dbexec.azure.tenant-id}: the Entra ID tenant (directory) id or domain.
     *
     * @param tenantId the value, or null to leave it unset
     */
    public void setTenantId(@Nullable String tenantId) {
      this.tenantId = tenantId;
    }

    /**
     * {@code dbexec.azure.client-id}: The service principal's application (client) id.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getClientId() {
      return clientId;
    }

    /**
     * Sets {@code dbexec.azure.client-id}: the service principal's application (client) id.
     *
     * @param clientId the value, or null to leave it unset
     */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    /**
     * {@code dbexec.azure.client-secret}: The service principal's client secret. Secret.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    /**
     * Sets {@code dbexec.azure.client-secret}: the service principal's client secret. Secret.
     *
     * @param clientSecret the value, or null to leave it unset
     */
    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /**
     * {@code dbexec.azure.workspace-resource-id}: The workspace's Azure resource id, when the principal is not a
     * workspace user yet.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getWorkspaceResourceId() {
      return workspaceResourceId;
    }

    /**
     * Sets {@code dbexec.azure.workspace-resource-id}: the workspace's Azure resource id, when the principal is not a
     * workspace user yet.
     *
     * @param workspaceResourceId the value, or null to leave it unset
     */
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

    /**
     * {@code dbexec.basic.username}: The user name.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getUsername() {
      return username;
    }

    /**
     * Sets {@code dbexec.basic.username}: the user name.
     *
     * @param username the value, or null to leave it unset
     */
    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    /**
     * {@code dbexec.basic.password}: The password. Secret.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable String getPassword() {
      return password;
    }

    /**
     * Sets {@code dbexec.basic.password}: the password. Secret.
     *
     * @param password the value, or null to leave it unset
     */
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

    /**
     * {@code dbexec.retry.max-attempts}: Most attempts per request, the first included; 1 disables retries. Default 6.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets {@code dbexec.retry.max-attempts}: Most attempts per request, the first included; 1 disables retries.
     * Default 6.
     *
     * @param maxAttempts the value, or null to leave it unset
     */
    public void setMaxAttempts(@Nullable Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * {@code dbexec.retry.initial-backoff}: Backoff before the first retry, doubling after each. Default 500ms.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets {@code dbexec.retry.initial-backoff}: Backoff before the first retry, doubling after each. Default 500ms.
     *
     * @param initialBackoff the value, or null to leave it unset
     */
    public void setInitialBackoff(@Nullable Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /**
     * {@code dbexec.retry.max-backoff}: Longest backoff between two attempts. Default 30s.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets {@code dbexec.retry.max-backoff}: Longest backoff between two attempts. Default 30s.
     *
     * @param maxBackoff the value, or null to leave it unset
     */
    public void setMaxBackoff(@Nullable Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /**
     * {@code dbexec.retry.jitter}: Random spread of each backoff, 0 to 1. Default 0.2.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Double getJitter() {
      return jitter;
    }

    /**
     * Sets {@code dbexec.retry.jitter}: Random spread of each backoff, 0 to 1. Default 0.2.
     *
     * @param jitter the value, or null to leave it unset
     */
    public void setJitter(@Nullable Double jitter) {
      this.jitter = jitter;
    }

    /**
     * {@code dbexec.retry.max-retry-after}: Longest Retry-After honoured. Default 60s.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    /**
     * Sets {@code dbexec.retry.max-retry-after}: Longest Retry-After honoured. Default 60s.
     *
     * @param maxRetryAfter the value, or null to leave it unset
     */
    public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * {@code dbexec.retry.deadline}: Time after the first attempt after which no further attempt starts. Default 3m.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Duration getDeadline() {
      return deadline;
    }

    /**
     * Sets {@code dbexec.retry.deadline}: Time after the first attempt after which no further attempt starts. Default
     * 3m.
     *
     * @param deadline the value, or null to leave it unset
     */
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

    /**
     * {@code dbexec.events.json-lines-file}: A JSON-lines file each event is appended to (one record a line); created
     * if missing. Default: none.
     *
     * @return the value, or null when not set (then the default applies)
     */
    public @Nullable Path getJsonLinesFile() {
      return jsonLinesFile;
    }

    /**
     * Sets {@code dbexec.events.json-lines-file}: A JSON-lines file each event is appended to (one record a line);
     * created if missing. Default: none.
     *
     * @param jsonLinesFile the value, or null to leave it unset
     */
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

    /**
     * {@code dbexec.health.timeout}: The longest one check may take (connection, request and answer). Default 10s.
     *
     * @return the value, never null
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets {@code dbexec.health.timeout}: The longest one check may take (connection, request and answer). Default 10s.
     *
     * @param timeout the value, not null
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /**
     * {@code dbexec.health.cache-ttl}: How long one check's answer is reused, so health probes do not each call the
     * workspace. Default 30s.
     *
     * @return the value, never null
     */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    /**
     * Sets {@code dbexec.health.cache-ttl}: How long one check's answer is reused, so health probes do not each call
     * the workspace. Default 30s.
     *
     * @param cacheTtl the value, not null
     */
    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }

    @Override
    public String toString() {
      return "Health{cacheTtl=" + cacheTtl + ", timeout=" + timeout + '}';
    }
  }
}
