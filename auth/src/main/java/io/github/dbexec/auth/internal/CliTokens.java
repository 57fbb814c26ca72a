package io.github.dbexec.auth.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.dbexec.auth.CredentialsException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tokens from the Azure CLI and the Databricks CLI, obtained by running them. */
public final class CliTokens {

  private static final Logger LOG = LoggerFactory.getLogger(CliTokens.class);
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  /** {@code 2026-11-21 12:59:59.123456}, the Azure CLI's local-time {@code expiresOn}. */
  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);

  private CliTokens() {}

  /**
   * Runs {@code az account get-access-token --resource <resource> --output json [--tenant <tenantId>]}.
   *
   * @param az the Azure CLI program
   * @param environment variables to set for it (proxy and trust settings)
   */
  public static AccessToken azure(String az, String resource, @Nullable String tenantId,
      Map<String, String> environment, Duration timeout, Duration refreshAhead, Clock clock) throws IOException {
    List<String> command = new ArrayList<>(List.of(az, "account", "get-access-token", "--resource", resource,
        "--output", "json"));
    if (tenantId != null) {
      command.add("--tenant");
      command.add(tenantId);
    }
    String shown = "'az account get-access-token --resource " + resource + "'";
    Instant started = clock.instant();
    CommandRunner.Result result = CommandRunner.run("azure-cli", shown, command, environment, timeout,
        "install the Azure CLI (https://aka.ms/installazurecli) and run 'az login', or choose another auth type");
    if (result.exitCode() != 0) {
      String error = CommandRunner.errorLine(result.stderr());
      String lower = result.stderr().toLowerCase(Locale.ROOT);
      if (lower.contains("az login") || lower.contains("no subscription found")) {
        throw new CredentialsException("azure-cli: the Azure CLI is not logged in" + (tenantId == null ? ""
            : " to tenant " + tenantId) + " (" + shown + " exited with " + result.exitCode() + ": " + error
            + "); run 'az login'" + (tenantId == null ? "" : " --tenant " + tenantId), false);
      }
      throw new CredentialsException("azure-cli: " + shown + " exited with " + result.exitCode() + ": " + error
          + "; check that 'az' works for this user", false);
    }
    Map<String, Object> json = parse("azure-cli", shown, result.stdout());
    String token = accessToken("azure-cli", shown, json, "accessToken");
    Instant expiresAt;
    Object epoch = json.get("expires_on");
    if (epoch instanceof Number) {
      expiresAt = Instant.ofEpochSecond(((Number) epoch).longValue()); // az 2.54 and later
    } else {
      Object local = json.get("expiresOn");
      try {
        expiresAt = LocalDateTime.parse(String.valueOf(local).strip(), LOCAL).atZone(ZoneId.systemDefault())
            .toInstant();
      } catch (DateTimeParseException e) {
        throw new CredentialsException("azure-cli: " + shown + " printed no readable expiry (expires_on or"
            + " expiresOn); update the Azure CLI", false);
      }
    }
    LOG.debug("azure-cli: token for {} valid until {}", resource, expiresAt);
    return AccessTokens.of(token, started, expiresAt, refreshAhead);
  }

  /**
   * Runs {@code databricks auth token --host <host> [--account-id <accountId>]}.
   *
   * @param databricks the Databricks CLI program
   * @param environment variables to set for it (proxy and trust settings)
   */
  public static AccessToken databricks(String databricks, HttpUrl host, @Nullable String accountId,
      Map<String, String> environment, Duration timeout, Duration refreshAhead, Clock clock) throws IOException {
    String hostText = host.toString().endsWith("/") ? host.toString().substring(0, host.toString().length() - 1)
        : host.toString();
    List<String> command = new ArrayList<>(List.of(databricks, "auth", "token", "--host", hostText));
    if (accountId != null) {
      command.add("--account-id");
      command.add(accountId);
    }
    String shown = "'databricks auth token --host " + hostText + "'";
    String login = "databricks auth login --host " + hostText + (accountId == null ? "" : " --account-id "
        + accountId);
    Instant started = clock.instant();
    CommandRunner.Result result = CommandRunner.run("databricks-cli", shown, command, environment, timeout,
        "install the Databricks CLI (https://docs.databricks.com/dev-tools/cli/install.html) or set"
            + " DATABRICKS_CLI_PATH, then run '" + login + "'");
    if (result.exitCode() != 0) {
      String error = CommandRunner.errorLine(result.stderr());
      String lower = result.stderr().toLowerCase(Locale.ROOT);
      if (lower.contains("no such command") || lower.contains("unknown command")) {
        throw new CredentialsException("databricks-cli: " + shown + " is not supported by this CLI (" + error
            + "); install the Databricks CLI 0.100 or later instead of the legacy Python CLI", false);
      }
      if (lower.contains("auth login") || lower.contains("not configured") || lower.contains("no token")
          || lower.contains("not logged in")) {
        throw new CredentialsException("databricks-cli: the Databricks CLI has no login for " + hostText + " ("
            + error + "); run '" + login + "'", false);
      }
      throw new CredentialsException("databricks-cli: " + shown + " exited with " + result.exitCode() + ": "
          + error + "; if the login expired, run '" + login + "'", false);
    }
    Map<String, Object> json = parse("databricks-cli", shown, result.stdout());
    String token = accessToken("databricks-cli", shown, json, "access_token");
    Object expiry = json.get("expiry");
    Instant expiresAt;
    try {
      expiresAt = OffsetDateTime.parse(String.valueOf(expiry).strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        expiresAt = LocalDateTime.parse(String.valueOf(expiry).strip(), LOCAL).atZone(ZoneId.of("UTC"))
            .toInstant();
      } catch (DateTimeParseException again) {
        throw new CredentialsException("databricks-cli: " + shown + " printed no readable expiry; update the"
            + " Databricks CLI", false);
      }
    }
    LOG.debug("databricks-cli: token for {} valid until {}", hostText, expiresAt);
    return AccessTokens.of(token, started, expiresAt, refreshAhead);
  }

  private static Map<String, Object> parse(String method, String shown, String stdout) throws CredentialsException {
    try {
      Map<String, Object> json = JSON.fromJson(stdout);
      if (json != null) {
        return json;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: never quote the output, it may hold a token
    }
    throw new CredentialsException(method + ": " + shown + " printed something that is not a JSON object; update"
        + " the CLI", false);
  }

  private static String accessToken(String method, String shown, Map<String, Object> json, String field)
      throws CredentialsException {
    Object value = json.get(field);
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw new CredentialsException(method + ": " + shown + " printed no " + field, false);
    }
    String token = ((String) value).strip();
    if (!TokenEndpoint.isHeaderSafe(token)) {
      throw new CredentialsException(method + ": " + shown + " printed a token that is not printable ASCII", false);
    }
    return token;
  }
}
