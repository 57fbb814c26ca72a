package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.CliTokens;
import io.github.dbexec.auth.internal.CommandRunner;
import io.github.dbexec.auth.internal.ConfigFile;
import io.github.dbexec.auth.internal.IdTokenSources;
import io.github.dbexec.auth.internal.OidcEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace host and credentials, resolved the way Databricks clients (SDKs, CLI) resolve them: from
 * environment variables and a {@code ~/.databrickscfg} profile.
 *
 * <p><b>Where values come from.</b> Each attribute is taken from its environment variable when that is set
 * and not blank, otherwise from the profile:
 *
 * <table>
 *   <caption>Attributes</caption>
 *   <tr><th>attribute</th><th>environment variable</th><th>profile key</th></tr>
 *   <tr><td>host</td><td>{@code DATABRICKS_HOST}</td><td>{@code host}</td></tr>
 *   <tr><td>token</td><td>{@code DATABRICKS_TOKEN}</td><td>{@code token}</td></tr>
 *   <tr><td>username, password</td><td>{@code DATABRICKS_USERNAME}, {@code DATABRICKS_PASSWORD}</td>
 *       <td>{@code username}, {@code password}</td></tr>
 *   <tr><td>client id, secret</td><td>{@code DATABRICKS_CLIENT_ID}, {@code DATABRICKS_CLIENT_SECRET}</td>
 *       <td>{@code client_id}, {@code client_secret}</td></tr>
 *   <tr><td>Azure tenant, client id, secret</td><td>{@code ARM_TENANT_ID}, {@code ARM_CLIENT_ID},
 *       {@code ARM_CLIENT_SECRET}</td><td>{@code azure_tenant_id}, {@code azure_client_id},
 *       {@code azure_client_secret}</td></tr>
 *   <tr><td>Azure workspace resource id</td><td>{@code DATABRICKS_AZURE_RESOURCE_ID}</td>
 *       <td>{@code azure_workspace_resource_id}</td></tr>
 *   <tr><td>account id</td><td>{@code DATABRICKS_ACCOUNT_ID}</td><td>{@code account_id}</td></tr>
 *   <tr><td>ID token audience</td><td>{@code DATABRICKS_TOKEN_AUDIENCE}</td><td>{@code audience}</td></tr>
 *   <tr><td>ID token variable, file</td><td>{@code DATABRICKS_OIDC_TOKEN_ENV} (default
 *       {@code DATABRICKS_OIDC_TOKEN}), {@code DATABRICKS_OIDC_TOKEN_FILEPATH}</td><td>{@code oidc_token_env},
 *       {@code databricks_id_token_filepath}</td></tr>
 *   <tr><td>GitHub Actions ID token request</td><td>{@code ACTIONS_ID_TOKEN_REQUEST_URL},
 *       {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}</td><td>{@code actions_id_token_request_url},
 *       {@code actions_id_token_request_token}</td></tr>
 *   <tr><td>Azure managed identity</td><td>{@code ARM_USE_MSI}</td><td>{@code azure_use_msi}</td></tr>
 *   <tr><td>Databricks CLI</td><td>{@code DATABRICKS_CLI_PATH}</td><td>{@code databricks_cli_path}</td></tr>
 *   <tr><td>auth type</td><td>{@code DATABRICKS_AUTH_TYPE}</td><td>{@code auth_type}</td></tr>
 * </table>
 *
 * <p>Only from the environment, as the platforms set them: Azure DevOps' {@code SYSTEM_*} variables, App
 * Service's {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}, AKS's {@code AZURE_FEDERATED_TOKEN_FILE},
 * {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_AUTHORITY_HOST}, and {@code PATH} (to find
 * {@code az} and {@code databricks}).
 *
 * <p>The file is {@code DATABRICKS_CONFIG_FILE} (a leading {@code ~/} means the home directory) or
 * {@code <home>/.databrickscfg}; the profile is {@code DATABRICKS_CONFIG_PROFILE} or {@code DEFAULT}. A
 * missing default file or default profile is fine (environment only); a file or profile named explicitly
 * must exist. Profiles do not inherit from {@code [DEFAULT]}.
 *
 * <p><b>Which way to authenticate.</b> When an auth type is set, exactly that one is used and must be
 * complete; otherwise resolution fails naming what is missing. Otherwise the first usable one of
 * {@link #AUTH_TYPES} wins, the Databricks SDKs' order: {@code pat} (token), {@code basic} (username and
 * password), {@code oauth-m2m} (client id and secret), {@code databricks-cli} (the CLI is found and has a login
 * for the host), {@code github-oidc}, {@code azure-devops-oidc}, {@code env-oidc}, {@code file-oidc} (their ID
 * token inputs are present), {@code azure-msi} ({@code ARM_USE_MSI=true}, or AKS workload identity),
 * {@code azure-client-secret} (Azure tenant, client id and secret), {@code azure-cli} (an Azure host, and
 * {@code az} gives a token). Like the SDKs, resolution runs {@code databricks auth token} and
 * {@code az account get-access-token} once to check that the CLI can be used; it calls no network endpoint
 * itself.
 *
 * <p>When nothing works, {@link ConfigurationException} lists what was tried and what was missing, without
 * any secret value. Immutable and thread-safe; {@code toString()} is {@link #describe()}.
 *
 * <pre>{@code
 * WorkspaceConfig config = WorkspaceConfig.resolve(System.getenv(), Path.of(System.getProperty("user.home")));
 * log.info("Using {}", config.describe());
 * }</pre>
 */
public final class WorkspaceConfig {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceConfig.class);

  /** The auth types {@link #resolve} can produce, in default-chain order. */
  public static final List<String> AUTH_TYPES = List.of("pat", "basic", "oauth-m2m", "databricks-cli",
      "github-oidc", "azure-devops-oidc", "env-oidc", "file-oidc", "azure-msi", "azure-client-secret", "azure-cli");

  /** How long a command-line tool may take when it is tried during resolution. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private static final String DEFAULT_PROFILE = "DEFAULT";

  private enum Attribute {
    HOST("host", "DATABRICKS_HOST", false),
    TOKEN("token", "DATABRICKS_TOKEN", true),
    USERNAME("username", "DATABRICKS_USERNAME", false),
    PASSWORD("password", "DATABRICKS_PASSWORD", true),
    CLIENT_ID("client_id", "DATABRICKS_CLIENT_ID", false),
    CLIENT_SECRET("client_secret", "DATABRICKS_CLIENT_SECRET", true),
    AZURE_TENANT_ID("azure_tenant_id", "ARM_TENANT_ID", false),
    AZURE_CLIENT_ID("azure_client_id", "ARM_CLIENT_ID", false),
    AZURE_CLIENT_SECRET("azure_client_secret", "ARM_CLIENT_SECRET", true),
    AZURE_WORKSPACE_RESOURCE_ID("azure_workspace_resource_id", "DATABRICKS_AZURE_RESOURCE_ID", false),
    ACCOUNT_ID("account_id", "DATABRICKS_ACCOUNT_ID", false),
    AZURE_USE_MSI("azure_use_msi", "ARM_USE_MSI", false),
    DATABRICKS_CLI_PATH("databricks_cli_path", "DATABRICKS_CLI_PATH", false),
    TOKEN_AUDIENCE("audience", "DATABRICKS_TOKEN_AUDIENCE", false),
    ACTIONS_ID_TOKEN_REQUEST_URL("actions_id_token_request_url", "ACTIONS_ID_TOKEN_REQUEST_URL", false),
    ACTIONS_ID_TOKEN_REQUEST_TOKEN("actions_id_token_request_token", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", true),
    OIDC_TOKEN_ENV("oidc_token_env", "DATABRICKS_OIDC_TOKEN_ENV", false),
    OIDC_TOKEN_FILEPATH("databricks_id_token_filepath", "DATABRICKS_OIDC_TOKEN_FILEPATH", false),
    AUTH_TYPE("auth_type", "DATABRICKS_AUTH_TYPE", false);

    final String key;
    final String variable;
    final boolean secret;

    Attribute(String key, String variable, boolean secret) {
      this.key = key;
      this.variable = variable;
      this.secret = secret;
    }

    String names() {
      return variable + " / " + key;
    }
  }

  private final HttpUrl host;
  private final CredentialsStrategy credentials;
  private final @Nullable String profile;
  private final @Nullable Path configFile;
  private final String description;

  private WorkspaceConfig(HttpUrl host, CredentialsStrategy credentials, @Nullable String profile,
      @Nullable Path configFile, String description) {
    this.host = host;
    this.credentials = credentials;
    this.profile = profile;
    this.configFile = configFile;
    this.description = description;
  }

  /**
   * Resolves the host and credentials from {@code environment} and the config file.
   *
   * @param environment environment variables, usually {@code System.getenv()}; tests pass their own map
   * @param homeDirectory where {@code .databrickscfg} is looked for, usually
   *     {@code Path.of(System.getProperty("user.home"))}
   * @return the resolved host and credentials
   * @throws ConfigurationException when the host or complete credentials cannot be found, the named file or
   *     profile does not exist, the file cannot be read, or the auth type is unknown; the message lists
   *     what was tried
   */
  public static WorkspaceConfig resolve(Map<String, String> environment, Path homeDirectory) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(homeDirectory, "homeDirectory");
    Sources sources = Sources.load(environment, homeDirectory);
    return sources.resolve();
  }

  /**
   * The workspace URL, such as {@code https://adb-1234567890123456.7.azuredatabricks.net/}.
   *
   * @return the workspace URL, never null
   */
  public HttpUrl host() {
    return host;
  }

  /**
   * The credentials strategy chosen.
   *
   * @return the credentials, never null
   */
  public CredentialsStrategy credentials() {
    return credentials;
  }

  /**
   * The auth type of {@link #credentials()}: {@code pat}, {@code basic}, {@code oauth-m2m}, ...
   *
   * @return the auth type, such as {@code oauth-m2m}
   */
  public String authType() {
    return credentials.authType();
  }

  /**
   * The config-file profile whose values were read, such as {@code DEFAULT}; null when the file or the profile
   * did not exist (only the environment was used).
   *
   * @return the profile name, or {@code null}
   */
  public @Nullable String profile() {
    return profile;
  }

  /**
   * The config file that was read; null when it did not exist (only the environment was used).
   *
   * @return the file's path, or {@code null}
   */
  public @Nullable Path configFile() {
    return configFile;
  }

  /**
   * Says where the host and each credential attribute came from, such as
   * {@code "host https://x/ (DATABRICKS_HOST), auth type pat (token from profile DEFAULT in /home/u/.databrickscfg)"}.
   * Never shows a secret value.
   *
   * @return one line per attribute; no secret values
   */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "WorkspaceConfig{" + description + "}";
  }

  /** The environment and profile, with where each attribute's value came from. */
  private static final class Sources {
    private final Map<String, String> environment;
    private final Path file;
    private final String profileName;
    private final @Nullable Map<String, String> profileValues;
    private final List<String> looked = new ArrayList<>();

    private Sources(Map<String, String> environment, Path file, String profileName,
        @Nullable Map<String, String> profileValues, List<String> looked) {
      this.environment = environment;
      this.file = file;
      this.profileName = profileName;
      this.profileValues = profileValues;
      this.looked.addAll(looked);
    }

    static Sources load(Map<String, String> environment, Path home) {
      List<String> looked = new ArrayList<>();
      looked.add("looked in environment variables (DATABRICKS_*, ARM_*)");
      String fileVariable = nonBlank(environment.get("DATABRICKS_CONFIG_FILE"));
      Path file = fileVariable == null ? home.resolve(".databrickscfg")
          : fileVariable.startsWith("~/") ? home.resolve(fileVariable.substring(2)) : Path.of(fileVariable);
      String profileVariable = nonBlank(environment.get("DATABRICKS_CONFIG_PROFILE"));
      String profileName = profileVariable == null ? DEFAULT_PROFILE : profileVariable;
      ConfigFile config;
      try {
        config = ConfigFile.read(file);
      } catch (NoSuchFileException e) {
        if (fileVariable != null || profileVariable != null) {
          throw new ConfigurationException("Databricks config file " + file + " does not exist"
              + (fileVariable != null ? " (DATABRICKS_CONFIG_FILE)" : "") + (profileVariable != null
              ? "; DATABRICKS_CONFIG_PROFILE names profile '" + profileName + "' in it" : ""), List.of());
        }
        looked.add("looked in config file " + file + " (not found)");
        LOG.debug("No Databricks config file at {}; using environment variables only", file);
        return new Sources(environment, file, profileName, null, looked);
      } catch (IOException e) {
        throw new ConfigurationException("Databricks config file " + file + " could not be read ("
            + e.getClass().getSimpleName() + ")", List.of());
      }
      Map<String, String> values = config.profile(profileName);
      if (values == null) {
        if (profileVariable != null) {
          throw new ConfigurationException("Databricks config file " + file + " has no profile [" + profileName
              + "] (DATABRICKS_CONFIG_PROFILE); its profiles: " + config.profiles(), List.of());
        }
        looked.add("looked in config file " + file + " (no [" + profileName + "] profile; profiles: " + config.profiles()
            + ")");
        return new Sources(environment, file, profileName, null, looked);
      }
      looked.add("looked in profile [" + profileName + "] of " + file + " (keys: " + values.keySet() + ")");
      return new Sources(environment, file, profileName, values, looked);
    }

    @Nullable String value(Attribute attribute) {
      String fromEnvironment = nonBlank(environment.get(attribute.variable));
      if (fromEnvironment != null) {
        return fromEnvironment;
      }
      return profileValues == null ? null : nonBlank(profileValues.get(attribute.key));
    }

    String source(Attribute attribute) {
      if (nonBlank(environment.get(attribute.variable)) != null) {
        return attribute.variable;
      }
      return "'" + attribute.key + "' in profile [" + profileName + "]";
    }

    /** When {@code attribute} is set, passes its value to {@code setter} and records it in {@code used}. */
    private void ifSet(Attribute attribute, Consumer<String> setter, List<Attribute> used) {
      String value = value(attribute);
      if (value != null) {
        setter.accept(value);
        used.add(attribute);
      }
    }

    boolean has(Attribute attribute) {
      return value(attribute) != null;
    }

    String require(Attribute attribute) {
      return Objects.requireNonNull(value(attribute));
    }

    WorkspaceConfig resolve() {
      String hostText = value(Attribute.HOST);
      if (hostText == null) {
        throw new ConfigurationException("No Databricks workspace host: set DATABRICKS_HOST (or 'host' in the"
            + " profile), such as https://adb-1234567890123456.7.azuredatabricks.net.", looked);
      }
      HttpUrl host;
      try {
        host = HostUrls.parse(hostText, "host");
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("The workspace host from " + source(Attribute.HOST)
            + " is not an https URL: '" + hostText + "'", List.of());
      }
      String authType = value(Attribute.AUTH_TYPE);
      List<String> tried = new ArrayList<>();
      if (authType != null) {
        String type = authType.toLowerCase(Locale.ROOT);
        if (!AUTH_TYPES.contains(type)) {
          throw new ConfigurationException("Auth type '" + authType + "' from " + source(Attribute.AUTH_TYPE)
              + " is not supported; supported: " + AUTH_TYPES, List.of());
        }
        String missing = missing(type, host, true);
        if (!missing.isEmpty()) {
          tried.add(type + " (forced by " + source(Attribute.AUTH_TYPE) + "): " + missing);
          tried.addAll(looked);
          throw new ConfigurationException("Cannot authenticate to " + host + " with auth type " + type
              + ": credentials are incomplete. Tried:", tried);
        }
        return build(host, type);
      }
      for (String type : AUTH_TYPES) {
        String missing = missing(type, host, false);
        if (missing.isEmpty()) {
          return build(host, type);
        }
        tried.add(type + ": " + missing);
      }
      tried.addAll(looked);
      throw new ConfigurationException("No Databricks credentials found for " + host + ". Tried, in order:",
          tried);
    }

    /** What {@code type} lacks, or empty when it is complete. Names attributes and variables, never values. */
    private String missing(String type, HttpUrl host, boolean forced) {
      List<Attribute> needed;
      List<String> absent = new ArrayList<>();
      switch (type) {
        case "pat":
          needed = List.of(Attribute.TOKEN);
          break;
        case "basic":
          needed = List.of(Attribute.USERNAME, Attribute.PASSWORD);
          break;
        case "oauth-m2m":
          needed = List.of(Attribute.CLIENT_ID, Attribute.CLIENT_SECRET);
          break;
        case "github-oidc":
          needed = List.of(Attribute.ACTIONS_ID_TOKEN_REQUEST_URL, Attribute.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
          break;
        case "azure-devops-oidc":
          needed = List.of();
          absent.addAll(IdTokenSources.AzureDevOps.missing(environment));
          break;
        case "env-oidc":
          needed = List.of();
          if (nonBlank(environment.get(oidcTokenVariable())) == null) {
            absent.add(oidcTokenVariable() + (has(Attribute.OIDC_TOKEN_ENV) ? " (named by "
                + source(Attribute.OIDC_TOKEN_ENV) + ")" : ""));
          }
          break;
        case "file-oidc":
          needed = List.of(Attribute.OIDC_TOKEN_FILEPATH);
          String file = value(Attribute.OIDC_TOKEN_FILEPATH);
          if (file != null && !Files.isRegularFile(Path.of(file))) {
            absent.add("an existing ID token file (" + file + " from " + source(Attribute.OIDC_TOKEN_FILEPATH)
                + " does not exist)");
          }
          break;
        case "databricks-cli": {
          needed = List.of();
          Path cli = databricksCli();
          if (cli == null) {
            absent.add(has(Attribute.DATABRICKS_CLI_PATH) ? "the Databricks CLI at " + value(
                Attribute.DATABRICKS_CLI_PATH) + " (from " + source(Attribute.DATABRICKS_CLI_PATH) + "), which is not"
                + " an executable file" : "the Databricks CLI ('databricks' on PATH, or " + Attribute.DATABRICKS_CLI_PATH
                .names() + ")");
          } else if (!(OidcEndpoints.isAccountHost(host) && !has(Attribute.ACCOUNT_ID))) {
            String failure = probe(type, () -> CliTokens.databricks(cli.toString(), host, accountIdFor(host),
                Map.of(), PROBE_TIMEOUT, Duration.ZERO, Clock.systemUTC()));
            if (failure != null) {
              return failure;
            }
          }
          break;
        }
        case "azure-cli": {
          needed = List.of();
          if (!forced && !isAzure(host) && !has(Attribute.AZURE_WORKSPACE_RESOURCE_ID)) {
            absent.add("an Azure Databricks host (*.azuredatabricks.net) or "
                + Attribute.AZURE_WORKSPACE_RESOURCE_ID.names());
          }
          Path az = CommandRunner.find("az", environment.get("PATH"));
          if (az == null) {
            absent.add("the Azure CLI ('az' on PATH)");
          } else if (absent.isEmpty()) {
            String failure = probe(type, () -> CliTokens.azure(az.toString(),
                AzureServicePrincipalCredentials.AZURE_DATABRICKS_RESOURCE, value(Attribute.AZURE_TENANT_ID),
                Map.of(), PROBE_TIMEOUT, Duration.ZERO, Clock.systemUTC()));
            if (failure != null) {
              return failure;
            }
          }
          break;
        }
        case "azure-msi":
          needed = List.of();
          String federatedFile = nonBlank(environment.get("AZURE_FEDERATED_TOKEN_FILE"));
          if (!forced && federatedFile == null && !"true".equalsIgnoreCase(value(Attribute.AZURE_USE_MSI))) {
            absent.add("ARM_USE_MSI=true / azure_use_msi = true (or AZURE_FEDERATED_TOKEN_FILE on AKS)");
          }
          if (federatedFile != null && msiClientId(true) == null) {
            absent.add("AZURE_CLIENT_ID or ARM_CLIENT_ID (AZURE_FEDERATED_TOKEN_FILE is set)");
          }
          if (federatedFile != null && msiTenantId() == null) {
            absent.add("AZURE_TENANT_ID or ARM_TENANT_ID (AZURE_FEDERATED_TOKEN_FILE is set)");
          }
          if (nonBlank(environment.get("IDENTITY_ENDPOINT")) != null
              && nonBlank(environment.get("IDENTITY_HEADER")) == null) {
            absent.add("IDENTITY_HEADER (IDENTITY_ENDPOINT is set)");
          }
          break;
        default:
          needed = List.of(Attribute.AZURE_TENANT_ID, Attribute.AZURE_CLIENT_ID, Attribute.AZURE_CLIENT_SECRET);
      }
      List<String> present = new ArrayList<>();
      int position = 0;
      for (Attribute attribute : needed) {
        if (has(attribute)) {
          present.add(attribute.key + " set by " + source(attribute));
        } else {
          absent.add(position++, attribute.names()); // named attributes first, then the notes above
        }
      }
      if ((type.endsWith("-oidc") || type.equals("databricks-cli")) && OidcEndpoints.isAccountHost(host)
          && !has(Attribute.ACCOUNT_ID)) {
        absent.add(Attribute.ACCOUNT_ID.names() + " (the host is an account console)");
      }
      if (absent.isEmpty()) {
        return "";
      }
      return "needs " + String.join(" and ", absent) + (present.isEmpty() ? "" : " (" + String.join(", ",
          present) + ")");
    }

    private String oidcTokenVariable() {
      String variable = value(Attribute.OIDC_TOKEN_ENV);
      return variable == null ? "DATABRICKS_OIDC_TOKEN" : variable;
    }

    private WorkspaceConfig build(HttpUrl host, String type) {
      CredentialsStrategy credentials;
      List<Attribute> used = new ArrayList<>();
      List<String> variables = new ArrayList<>();
      try {
        switch (type) {
          case "pat":
            credentials = TokenCredentials.of(require(Attribute.TOKEN));
            used.add(Attribute.TOKEN);
            break;
          case "basic":
            credentials = BasicCredentials.of(require(Attribute.USERNAME), require(Attribute.PASSWORD));
            used.addAll(List.of(Attribute.USERNAME, Attribute.PASSWORD));
            break;
          case "oauth-m2m":
            credentials = OAuthM2mCredentials.builder().clientId(require(Attribute.CLIENT_ID))
                .clientSecret(require(Attribute.CLIENT_SECRET)).build();
            used.addAll(List.of(Attribute.CLIENT_ID, Attribute.CLIENT_SECRET));
            break;
          case "github-oidc":
            used.addAll(List.of(Attribute.ACTIONS_ID_TOKEN_REQUEST_URL, Attribute.ACTIONS_ID_TOKEN_REQUEST_TOKEN));
            credentials = oidc(IdTokenSource.githubActions(require(Attribute.ACTIONS_ID_TOKEN_REQUEST_URL),
                require(Attribute.ACTIONS_ID_TOKEN_REQUEST_TOKEN)), used);
            break;
          case "azure-devops-oidc":
            variables.addAll(List.of("SYSTEM_ACCESSTOKEN", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "SYSTEM_PLANID",
                "SYSTEM_JOBID", "SYSTEM_TEAMPROJECTID", "SYSTEM_HOSTTYPE"));
            credentials = oidc(IdTokenSource.azureDevOps(environment), used);
            break;
          case "env-oidc":
            variables.add(oidcTokenVariable());
            if (has(Attribute.OIDC_TOKEN_ENV)) {
              used.add(Attribute.OIDC_TOKEN_ENV);
            }
            credentials = oidc(IdTokenSource.environmentVariable(oidcTokenVariable(), environment), used);
            break;
          case "file-oidc":
            used.add(Attribute.OIDC_TOKEN_FILEPATH);
            credentials = oidc(IdTokenSource.file(Path.of(require(Attribute.OIDC_TOKEN_FILEPATH))), used);
            break;
          case "azure-msi":
            credentials = managedIdentity(used, variables);
            break;
          case "databricks-cli": {
            DatabricksCliCredentials.Builder cli = DatabricksCliCredentials.builder()
                .command(Objects.requireNonNull(databricksCli()).toString());
            if (has(Attribute.DATABRICKS_CLI_PATH)) {
              used.add(Attribute.DATABRICKS_CLI_PATH);
            } else {
              variables.add("databricks on PATH");
            }
            String accountId = accountIdFor(host);
            if (accountId != null) {
              cli.accountId(accountId);
              used.add(Attribute.ACCOUNT_ID);
            }
            credentials = cli.build();
            break;
          }
          case "azure-cli": {
            AzureCliCredentials.Builder az = AzureCliCredentials.builder()
                .command(Objects.requireNonNull(CommandRunner.find("az", environment.get("PATH"))).toString());
            variables.add("az on PATH");
            ifSet(Attribute.AZURE_TENANT_ID, az::tenantId, used);
            ifSet(Attribute.AZURE_WORKSPACE_RESOURCE_ID, az::workspaceResourceId, used);
            credentials = az.build();
            break;
          }
          default:
            AzureServicePrincipalCredentials.Builder azure = AzureServicePrincipalCredentials.builder()
                .tenantId(require(Attribute.AZURE_TENANT_ID))
                .clientId(require(Attribute.AZURE_CLIENT_ID))
                .clientSecret(require(Attribute.AZURE_CLIENT_SECRET));
            used.addAll(List.of(Attribute.AZURE_TENANT_ID, Attribute.AZURE_CLIENT_ID, Attribute.AZURE_CLIENT_SECRET));
            ifSet(Attribute.AZURE_WORKSPACE_RESOURCE_ID, azure::workspaceResourceId, used);
            credentials = azure.build();
        }
      } catch (IllegalArgumentException e) {
        // the strategies' messages name the field and never show a secret
        throw new ConfigurationException("Invalid " + type + " credentials: " + e.getMessage(), List.of());
      }
      Map<String, String> from = new LinkedHashMap<>();
      for (Attribute attribute : used) {
        from.put(attribute.key, source(attribute));
      }
      StringBuilder d = new StringBuilder("host ").append(host).append(" (").append(source(Attribute.HOST))
          .append("), auth type ").append(type).append(" (");
      List<String> parts = new ArrayList<>();
      from.forEach((key, source) -> parts.add(key + " from " + source));
      for (String variable : variables) {
        parts.add(variable);
      }
      d.append(String.join(", ", parts)).append(')');
      if (profileValues != null) {
        d.append(", config file ").append(file);
      }
      String description = d.toString();
      LOG.debug("Resolved Databricks configuration: {}", description);
      return new WorkspaceConfig(host, credentials, profileValues == null ? null : profileName,
          profileValues == null ? null : file, description);
    }

    /** The Databricks CLI: DATABRICKS_CLI_PATH (a path, or a name looked up on PATH), else databricks on PATH. */
    private @Nullable Path databricksCli() {
      String configured = value(Attribute.DATABRICKS_CLI_PATH);
      return CommandRunner.find(configured != null ? configured : "databricks", environment.get("PATH"));
    }

    private @Nullable String accountIdFor(HttpUrl host) {
      return OidcEndpoints.isAccountHost(host) ? value(Attribute.ACCOUNT_ID) : null;
    }

    private static boolean isAzure(HttpUrl host) {
      String name = host.host().toLowerCase(Locale.ROOT);
      return name.endsWith(".azuredatabricks.net") || name.endsWith(".databricks.azure.cn")
          || name.endsWith(".databricks.azure.us");
    }

    /**
     * Runs a command-line tool once, as the SDKs do when they try it: null when it gave a token, otherwise why it
     * cannot be used (its message never holds a token).
     */
    private static @Nullable String probe(String type, CliProbe probe) {
      try {
        probe.run();
        return null;
      } catch (IOException e) {
        String message = String.valueOf(e.getMessage());
        String reason = message.startsWith(type + ": ") ? message.substring(type.length() + 2) : message;
        LOG.debug("{} cannot be used: {}", type, reason);
        return "cannot be used: " + reason;
      }
    }

    @FunctionalInterface
    private interface CliProbe {
      void run() throws IOException;
    }

    private @Nullable String msiClientId(boolean workloadIdentity) {
      String aks = workloadIdentity ? nonBlank(environment.get("AZURE_CLIENT_ID")) : null;
      return aks != null ? aks : value(Attribute.AZURE_CLIENT_ID);
    }

    private @Nullable String msiTenantId() {
      String aks = nonBlank(environment.get("AZURE_TENANT_ID"));
      return aks != null ? aks : value(Attribute.AZURE_TENANT_ID);
    }

    /** Managed identity on AKS (workload identity), App Service, or a machine with the metadata endpoint. */
    private AzureManagedIdentityCredentials managedIdentity(List<Attribute> used, List<String> variables) {
      AzureManagedIdentityCredentials.Builder msi = AzureManagedIdentityCredentials.builder();
      if (has(Attribute.AZURE_USE_MSI)) {
        used.add(Attribute.AZURE_USE_MSI);
      }
      String federatedFile = nonBlank(environment.get("AZURE_FEDERATED_TOKEN_FILE"));
      String clientId = msiClientId(federatedFile != null);
      if (clientId != null) {
        msi.clientId(clientId);
        if (federatedFile != null && nonBlank(environment.get("AZURE_CLIENT_ID")) != null) {
          variables.add("AZURE_CLIENT_ID");
        } else {
          used.add(Attribute.AZURE_CLIENT_ID);
        }
      }
      if (federatedFile != null) {
        msi.workloadIdentity(Path.of(federatedFile), Objects.requireNonNull(msiTenantId()));
        variables.addAll(List.of("AZURE_FEDERATED_TOKEN_FILE", "AZURE_TENANT_ID or ARM_TENANT_ID"));
        String authority = nonBlank(environment.get("AZURE_AUTHORITY_HOST"));
        if (authority != null) {
          msi.authority(authority);
          variables.add("AZURE_AUTHORITY_HOST");
        }
      } else {
        String identityEndpoint = nonBlank(environment.get("IDENTITY_ENDPOINT"));
        if (identityEndpoint != null) {
          msi.appServiceIdentity(identityEndpoint, Objects.requireNonNull(nonBlank(environment.get(
              "IDENTITY_HEADER"))));
          variables.addAll(List.of("IDENTITY_ENDPOINT", "IDENTITY_HEADER"));
        }
      }
      ifSet(Attribute.AZURE_WORKSPACE_RESOURCE_ID, msi::workspaceResourceId, used);
      return msi.build();
    }

    /** OIDC credentials from {@code source} with the client id, account id and audience, if set. */
    private OidcCredentials oidc(IdTokenSource source, List<Attribute> used) {
      OidcCredentials.Builder oidc = OidcCredentials.builder().idTokenSource(source);
      ifSet(Attribute.CLIENT_ID, oidc::clientId, used);
      ifSet(Attribute.ACCOUNT_ID, oidc::accountId, used);
      ifSet(Attribute.TOKEN_AUDIENCE, oidc::audience, used);
      return oidc.build();
    }

    private static @Nullable String nonBlank(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }
}
