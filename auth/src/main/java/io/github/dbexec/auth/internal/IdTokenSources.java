package io.github.dbexec.auth.internal;

import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.CredentialsException;
import io.github.dbexec.auth.IdTokenSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/** The built-in {@link IdTokenSource}s. */
public final class IdTokenSources {

  /** Attempts per request to an identity provider, as for token endpoints. */
  private static final int ATTEMPTS = 3;
  private static final Duration BACKOFF = Duration.ofMillis(500);

  private IdTokenSources() {}

  private static TokenEndpoint endpoint(AuthContext context) {
    return TokenEndpoint.of(context, ATTEMPTS, BACKOFF);
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Reads a token a platform projects into a file, stripped; read for each use, since platforms rotate them.
   *
   * @param described how messages name the file, such as {@code "file-oidc: the ID token file"}
   * @param missingAdvice what to check when the file does not exist
   * @param unreadableAdvice appended when it cannot be read: empty, or {@code "; ..."}
   * @throws CredentialsException (not retryable) when the file does not exist, cannot be read or is blank; the
   *     message names the file, never its content
   */
  public static String readTokenFile(Path path, String described, String missingAdvice, String unreadableAdvice)
      throws CredentialsException {
    String token;
    try {
      token = nonBlank(Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new CredentialsException(described + " " + path + " does not exist; " + missingAdvice, false);
    } catch (IOException e) {
      throw new CredentialsException(described + " " + path + " could not be read (" + e.getClass().getSimpleName()
          + ")" + unreadableAdvice, false);
    }
    if (token == null) {
      throw new CredentialsException(described + " " + path + " is empty", false);
    }
    return token;
  }

  /** {@code env-oidc}: the token in an environment variable. */
  public record Environment(String variable, Map<String, String> environment) implements IdTokenSource {
    public Environment {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(environment, "environment");
      Checks.notBlank(variable, "variable");
    }

    @Override
    public String authType() {
      return "env-oidc";
    }

    @Override
    public String idToken(String audience, AuthContext context) throws CredentialsException {
      String token = nonBlank(environment.get(variable));
      if (token == null) {
        throw new CredentialsException("env-oidc: environment variable " + variable + " is not set or blank; set"
            + " it to the ID token your platform issued (or name another variable with DATABRICKS_OIDC_TOKEN_ENV)",
            false);
      }
      return token;
    }

    @Override
    public String toString() {
      return "IdTokenSource{env-oidc, variable=" + variable + "}";
    }
  }

  /** {@code file-oidc}: the token in a file, read each time. */
  public record File(Path path) implements IdTokenSource {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String authType() {
      return "file-oidc";
    }

    @Override
    public String idToken(String audience, AuthContext context) throws CredentialsException {
      return readTokenFile(path, "file-oidc: the ID token file", "check DATABRICKS_OIDC_TOKEN_FILEPATH",
          "; check its permissions");
    }

    @Override
    public String toString() {
      return "IdTokenSource{file-oidc, path=" + path + "}";
    }
  }

  /** {@code github-oidc}: GitHub Actions' ID token endpoint. */
  public record GitHubActions(HttpUrl requestUrl, String requestToken) implements IdTokenSource {
    public GitHubActions {
      Objects.requireNonNull(requestUrl, "requestUrl");
      Objects.requireNonNull(requestToken, "requestToken");
      Checks.notBlank(requestToken, "requestToken");
    }

    @Override
    public String authType() {
      return "github-oidc";
    }

    @Override
    public String idToken(String audience, AuthContext context) throws IOException {
      HttpUrl url = requestUrl.newBuilder().addQueryParameter("audience", audience).build();
      Request request = new Request.Builder().url(url).get()
          .header("Authorization", "Bearer " + requestToken.strip()).build();
      Map<String, Object> json = endpoint(context).json("github-oidc: GitHub Actions ID token", request,
          "; check that the workflow has 'permissions: id-token: write' and that ACTIONS_ID_TOKEN_REQUEST_TOKEN"
              + " belongs to this job");
      Object value = json.get("value");
      if (!(value instanceof String) || ((String) value).isBlank()) {
        throw new CredentialsException("github-oidc: " + TokenEndpoint.shown(requestUrl) + " answered without an"
            + " ID token ('value')", false);
      }
      return (String) value;
    }

    @Override
    public String toString() {
      return "IdTokenSource{github-oidc, requestUrl=" + TokenEndpoint.shown(requestUrl)
          + ", requestToken=<redacted>}";
    }
  }

  /** {@code azure-devops-oidc}: Azure DevOps Pipelines' OIDC token endpoint. */
  public record AzureDevOps(HttpUrl collectionUri, String projectId, String hostType, String planId, String jobId,
      String accessToken) implements IdTokenSource {

    static final List<String> VARIABLES = List.of("SYSTEM_ACCESSTOKEN", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
        "SYSTEM_TEAMPROJECTID", "SYSTEM_HOSTTYPE", "SYSTEM_PLANID", "SYSTEM_JOBID");

    public AzureDevOps {
      Objects.requireNonNull(collectionUri, "collectionUri");
      Objects.requireNonNull(projectId, "projectId");
      Objects.requireNonNull(hostType, "hostType");
      Objects.requireNonNull(planId, "planId");
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(accessToken, "accessToken");
    }

    /** The variables {@code environment} lacks (blank counts as missing), in documentation order. */
    public static List<String> missing(Map<String, String> environment) {
      List<String> missing = new ArrayList<>();
      for (String variable : VARIABLES) {
        if (nonBlank(environment.get(variable)) == null) {
          missing.add(variable);
        }
      }
      return missing;
    }

    public static AzureDevOps fromEnvironment(Map<String, String> environment) {
      List<String> missing = missing(environment);
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("azure-devops-oidc needs " + String.join(", ", missing)
            + " (in an Azure DevOps pipeline, map SYSTEM_ACCESSTOKEN into the step's environment)");
      }
      String uri = Objects.requireNonNull(nonBlank(environment.get("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI")));
      HttpUrl collection = HttpUrl.parse(uri);
      if (collection == null) {
        throw new IllegalArgumentException("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI is not an http(s) URL: '" + uri
            + "'");
      }
      return new AzureDevOps(collection, value(environment, "SYSTEM_TEAMPROJECTID"),
          value(environment, "SYSTEM_HOSTTYPE"), value(environment, "SYSTEM_PLANID"),
          value(environment, "SYSTEM_JOBID"), value(environment, "SYSTEM_ACCESSTOKEN"));
    }

    private static String value(Map<String, String> environment, String variable) {
      return Objects.requireNonNull(nonBlank(environment.get(variable)));
    }

    @Override
    public String authType() {
      return "azure-devops-oidc";
    }

    @Override
    public String idToken(String audience, AuthContext context) throws IOException {
      HttpUrl.Builder url = collectionUri.newBuilder();
      List<String> segments = new ArrayList<>(collectionUri.pathSegments());
      if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
        url.removePathSegment(segments.size() - 1); // the collection URI ends with '/'
      }
      url.addPathSegment(projectId).addPathSegments("_apis/distributedtask/hubs").addPathSegment(hostType)
          .addPathSegment("plans").addPathSegment(planId).addPathSegment("jobs").addPathSegment(jobId)
          .addPathSegment("oidctoken").addQueryParameter("api-version", "7.2-preview.1");
      Request request = new Request.Builder().url(url.build()).post(RequestBody.create(new byte[0], null))
          .header("Authorization", "Bearer " + accessToken).build();
      Map<String, Object> json = endpoint(context).json("azure-devops-oidc: Azure DevOps ID token", request,
          "; check that SYSTEM_ACCESSTOKEN is this pipeline's token and that the service connection allows OIDC");
      Object value = json.get("oidcToken");
      if (!(value instanceof String) || ((String) value).isBlank()) {
        throw new CredentialsException("azure-devops-oidc: Azure DevOps answered without an ID token"
            + " ('oidcToken')", false);
      }
      return (String) value;
    }

    @Override
    public String toString() {
      return "IdTokenSource{azure-devops-oidc, collectionUri=" + collectionUri + ", projectId=" + projectId
          + ", planId=" + planId + ", jobId=" + jobId + ", accessToken=<redacted>}";
    }
  }
}
