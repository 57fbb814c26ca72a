package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With logging at TRACE (set for the whole test run in the POM), failures of every kind put no secret in
 * exception messages, stack traces, {@code toString()} or the log.
 */
class SecretLeakTest {

  private static final String PAT = "dapi-LEAK-pat-0001";
  private static final String PASSWORD = "LEAK-password-0002";
  private static final String CLIENT_SECRET = "LEAK-client-secret-0003";
  private static final String AZURE_SECRET = "LEAK-azure-secret-0004";
  private static final String PROXY_PASSWORD = "LEAK-proxy-password-0005";
  private static final String KEYSTORE_PASSWORD = "LEAK-keystore-password-0006";
  private static final String SUPPLIER_TOKEN = "LEAK-supplier-token-0007";
  private static final String ACCESS_TOKEN = "LEAK-access-token-";
  private static final List<String> SECRETS = List.of(PAT, PASSWORD, CLIENT_SECRET, AZURE_SECRET, PROXY_PASSWORD,
      KEYSTORE_PASSWORD, SUPPLIER_TOKEN, ACCESS_TOKEN, "TEVBSy");

  @TempDir
  Path dir;

  private final List<Object> observed = new ArrayList<>();

  @Test
  void failuresOfEveryKind_atTraceLevel_printNoSecret() throws Exception {
    Path logFile = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/auth-tests-trace.log"));
    LoggerFactory.getLogger(SecretLeakTest.class).trace("SecretLeakTest starts"); // opens (truncates) the file
    long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
    TestClock clock = new TestClock();

    try (FakeTokenServer server = new FakeTokenServer()) {
      server.clientSecret = "the-right-secret";
      server.tokenPrefix = ACCESS_TOKEN;
      AuthContext context = AuthContext.builder().host(server.url("/")).clock(clock).build();

      // OAuth M2M: wrong secret, with an error description that echoes the secret back
      server.errorBody = "{\"error\":\"invalid_client\",\"error_description\":\"secret " + CLIENT_SECRET
          + " is wrong\"}";
      OAuthM2mCredentials m2m = OAuthM2mCredentials.builder().clientId("sp-client").clientSecret(CLIENT_SECRET)
          .retryBackoff(Duration.ZERO).build();
      observe(m2m);
      expectFailure(() -> m2m.configure(context).headers());

      // OAuth M2M: 5xx with a body holding secrets, until attempts run out
      OAuthM2mCredentials right = m2m.toBuilder().clientSecret("the-right-secret").maxAttempts(2).build();
      HeaderFactory rightFactory = right.configure(context);
      server.failures.add(500);
      server.failures.add(503);
      expectFailure(rightFactory::headers);

      // OAuth M2M: success, then a failed refresh ahead of expiry (the token stays in use)
      assertThat(rightFactory.headers()).containsEntry("Authorization", "Bearer " + ACCESS_TOKEN + "1");
      clock.advance(Duration.ofMinutes(59).plusSeconds(40));
      server.failures.add(503);
      server.failures.add(503);
      assertThat(rightFactory.headers()).containsEntry("Authorization", "Bearer " + ACCESS_TOKEN + "1");

      // Azure: wrong secret
      AzureServicePrincipalCredentials azure = AzureServicePrincipalCredentials.builder().tenantId("t1")
          .clientId("sp-client").clientSecret(AZURE_SECRET).authority(server.url("/"))
          .retryBackoff(Duration.ZERO).build();
      observe(azure);
      expectFailure(() -> azure.configure(context).headers());

      // token endpoint answering 200 with something that is not JSON, echoing secrets
      server.server.setDispatcher(new QueueDispatcher());
      server.server.enqueue(new MockResponse.Builder().body("<html>" + CLIENT_SECRET + "</html>").build());
      expectFailure(() -> m2m.toBuilder().tokenEndpoint(server.url("/oidc/v1/token")).build()
          .configure(context).headers());

      // discovery without a token endpoint
      server.server.enqueue(new MockResponse.Builder().body("{\"issuer\":\"" + CLIENT_SECRET + "\"}").build());
      expectFailure(() -> m2m.configure(context).headers());
    }

    // unreachable token endpoint
    MockWebServer gone = new MockWebServer();
    gone.start();
    AuthContext goneContext = AuthContext.builder().host(gone.url("/")).clock(clock).build();
    gone.close();
    expectFailure(() -> OAuthM2mCredentials.builder().clientId("c").clientSecret(CLIENT_SECRET).maxAttempts(1)
        .build().configure(goneContext).headers());

    // PAT and basic
    observe(TokenCredentials.of(PAT));
    expectFailure(() -> TokenCredentials.of(PAT + "\nX-Injected: 1"));
    BasicCredentials basic = BasicCredentials.of("ana", PASSWORD);
    observe(basic);
    basic.configure(goneContext);
    expectFailure(() -> BasicCredentials.of("a:" + PASSWORD, PASSWORD));

    // supplier failures (the supplier's own exception is attached as the cause, as is)
    expectFailure(() -> BearerTokenSupplierCredentials.of(() -> {
      throw new UncheckedIOException(new IOException("vault unreachable"));
    }).configure(goneContext).headers());
    expectFailure(() -> BearerTokenSupplierCredentials.of(() -> SUPPLIER_TOKEN + "\nX-Injected: 1")
        .configure(goneContext).headers());

    // proxy: rejected credentials, and proxy URLs with passwords
    proxyRejectsCredentials();
    expectFailure(() -> ProxyConfig.fromEnvironment(Map.of("HTTPS_PROXY", "socks5://u:" + PROXY_PASSWORD + "@p:1")));
    expectFailure(() -> ProxyConfig.builder().host("u:" + PROXY_PASSWORD + "@proxy").port(1).build());
    observe(ProxyConfig.fromEnvironment(Map.of("HTTPS_PROXY", "http://u:" + PROXY_PASSWORD + "@p:1")));

    // TLS: wrong key store password, missing file, trust-all warning
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate client = new HeldCertificate.Builder().signedBy(ca).build();
    Path keyStore = TestCertificates.keyStore(dir, "PKCS12", "right-one", client, ca);
    expectFailure(() -> TlsConfig.builder().keyStore(keyStore, "PKCS12", KEYSTORE_PASSWORD).build());
    expectFailure(() -> TlsConfig.builder().trustStore(dir.resolve("none.p12"), "PKCS12", KEYSTORE_PASSWORD)
        .build());
    TlsConfig trustAll = TlsConfig.builder().trustAllCertificatesForDevelopment().build();
    trustAll.applyTo(new OkHttpClient.Builder());
    observe(TlsConfig.builder().keyStore(keyStore, "PKCS12", "right-one").build());

    // configuration resolution with secrets everywhere but no usable combination
    Files.writeString(dir.resolve(".databrickscfg"), "[DEFAULT]\nhost = https://h.example.com\npassword = "
        + PASSWORD + "\nazure_client_secret = " + AZURE_SECRET + "\n");
    expectFailure(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_CLIENT_SECRET", CLIENT_SECRET), dir));
    expectFailure(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_TOKEN", PAT, "DATABRICKS_AUTH_TYPE", "basic"),
        dir));
    observe(WorkspaceConfig.resolve(Map.of("DATABRICKS_TOKEN", PAT), dir));

    String everythingObserved = render();
    assertThat(everythingObserved).contains("HTTP 401", "invalid_client", "AADSTS7000215", "HTTP 503");
    for (String secret : SECRETS) {
      assertThat(everythingObserved).as("messages, stack traces and toString").doesNotContain(secret);
    }
    String log = Files.exists(logFile) ? readFrom(logFile, logStart) : "";
    assertThat(log).as("the TRACE log of this test")
        .contains("TRACE", "answered HTTP 401", "refreshing ahead of expiry failed", "TLS CERTIFICATE VERIFICATION IS"
            + " DISABLED", "Proxy rejected the credentials", "basic authentication");
    for (String secret : SECRETS) {
      assertThat(log).as("the TRACE log of this test").doesNotContain(secret);
    }
  }

  private static final String ID_TOKEN = "eyJLEAKidtoken.payload0008.sig";
  private static final String GITHUB_REQUEST_TOKEN = "LEAK-github-request-token-0009";
  private static final String ADO_ACCESS_TOKEN = "LEAK-ado-access-token-0010";
  private static final String IDENTITY_HEADER = "LEAK-identity-header-0011";
  private static final String FEDERATED_TOKEN = "LEAK-federated-token-0012";
  private static final String CLI_TOKEN = "LEAK-cli-token-0013";
  private static final String EXCHANGED_TOKEN = "LEAK-exchanged-token-";
  private static final List<String> NEW_SECRETS = List.of(ID_TOKEN, GITHUB_REQUEST_TOKEN, ADO_ACCESS_TOKEN,
      IDENTITY_HEADER, FEDERATED_TOKEN, CLI_TOKEN, EXCHANGED_TOKEN, "eyJLEAK");

  @Test
  void workloadIdentityManagedIdentityAndCliFailures_atTraceLevel_printNoSecret() throws Exception {
    Path logFile = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/auth-tests-trace.log"));
    LoggerFactory.getLogger(SecretLeakTest.class).trace("SecretLeakTest (new methods) starts");
    long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
    TestClock clock = new TestClock();
    Path federated = dir.resolve("federated-token");

    try (FakeTokenServer server = new FakeTokenServer()) {
      server.clock = clock;
      server.exchangePrefix = EXCHANGED_TOKEN;
      server.exchangeClientId = null;
      server.githubRequestToken = "the-right-request-token";
      server.adoAccessToken = "the-right-ado-token";
      AuthContext context = AuthContext.builder().host(server.url("/")).clock(clock).sleeper(d -> { }).build();

      // env-oidc: success (the exchanged token is logged nowhere), then a refused ID token the server echoes back
      server.acceptedIdTokens.add(ID_TOKEN);
      OidcCredentials env = OidcCredentials.builder()
          .idTokenSource(IdTokenSource.environmentVariable("DATABRICKS_OIDC_TOKEN", Map.of("DATABRICKS_OIDC_TOKEN",
              ID_TOKEN))).build();
      observe(env);
      assertThat(env.configure(context).headers()).containsEntry("Authorization", "Bearer " + EXCHANGED_TOKEN + "1");
      server.acceptedIdTokens.clear();
      expectFailure(() -> env.configure(context).headers());

      // github-oidc and azure-devops-oidc with rejected request tokens
      OidcCredentials github = OidcCredentials.builder().idTokenSource(IdTokenSource.githubActions(
          server.url("/github/idtoken?api-version=2.0").toString(), GITHUB_REQUEST_TOKEN)).build();
      observe(github);
      expectFailure(() -> github.configure(context).headers());
      OidcCredentials ado = OidcCredentials.builder().idTokenSource(IdTokenSource.azureDevOps(Map.of(
          "SYSTEM_ACCESSTOKEN", ADO_ACCESS_TOKEN, "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", server.url("/ado/").toString(),
          "SYSTEM_TEAMPROJECTID", "p", "SYSTEM_HOSTTYPE", "build", "SYSTEM_PLANID", "pl", "SYSTEM_JOBID", "j")))
          .build();
      observe(ado);
      expectFailure(() -> ado.configure(context).headers());

      // azure-msi: App Service with a wrong identity header; AKS with an untrusted federated token
      AzureManagedIdentityCredentials appService = AzureManagedIdentityCredentials.builder()
          .appServiceIdentity(server.url("/msi/token").toString(), IDENTITY_HEADER).maxAttempts(1).build();
      observe(appService);
      expectFailure(() -> appService.configure(context).headers());
      Files.writeString(federated, FEDERATED_TOKEN);
      AzureManagedIdentityCredentials aks = AzureManagedIdentityCredentials.builder().clientId("aks-client")
          .workloadIdentity(federated, "tenant-1").authority(server.url("/").toString()).build();
      observe(aks);
      expectFailure(() -> aks.configure(context).headers());
    }

    // CLIs: error output and unreadable output that hold tokens
    Path az = cliScript("az", "echo \"ERROR: AADSTS50173: token " + ID_TOKEN + " " + CLI_TOKEN + " expired\" >&2\n"
        + "exit 1\n");
    AuthContext offline = AuthContext.builder().host("https://adb-1.7.azuredatabricks.net").clock(clock).build();
    observe(AzureCliCredentials.builder().command(az.toString()).build());
    expectFailure(() -> AzureCliCredentials.builder().command(az.toString()).build().configure(offline).headers());
    Path databricks = cliScript("databricks", "echo '{\"access_token\":\"" + CLI_TOKEN + "\",\"expiry\":\"soon\"}'\n");
    expectFailure(() -> DatabricksCliCredentials.builder().command(databricks.toString()).build().configure(offline)
        .headers());
    Path garbled = cliScript("garbled", "echo 'accessToken=" + CLI_TOKEN + "'\n");
    expectFailure(() -> AzureCliCredentials.builder().command(garbled.toString()).build().configure(offline)
        .headers());
    Path whitespace = cliScript("spaced", "echo '{\"access_token\":\"" + CLI_TOKEN + " x\",\"expiry\":\"2030-01-01T00:00:00Z\"}'\n");
    expectFailure(() -> DatabricksCliCredentials.builder().command(whitespace.toString()).build().configure(offline)
        .headers());

    // resolution: secrets in the environment, nothing usable
    expectFailure(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_HOST", "https://h.example.com",
        "DATABRICKS_AUTH_TYPE", "github-oidc", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", GITHUB_REQUEST_TOKEN), dir));
    expectFailure(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_HOST", "https://h.example.com",
        "DATABRICKS_AUTH_TYPE", "azure-msi", "IDENTITY_HEADER", IDENTITY_HEADER, "AZURE_FEDERATED_TOKEN_FILE",
        federated.toString()), dir));
    observe(WorkspaceConfig.resolve(Map.of("DATABRICKS_HOST", "https://h.example.com", "DATABRICKS_OIDC_TOKEN",
        ID_TOKEN), dir));

    String everythingObserved = render();
    assertThat(everythingObserved).contains("env-oidc", "github-oidc", "azure-devops-oidc", "azure-msi", "azure-cli",
        "databricks-cli", "HTTP 401", "AADSTS50173", "<redacted>");
    for (String secret : NEW_SECRETS) {
      assertThat(everythingObserved).as("messages, stack traces and toString").doesNotContain(secret);
    }
    String log = Files.exists(logFile) ? readFrom(logFile, logStart) : "";
    assertThat(log).as("the TRACE log of this test").contains("TRACE", "answered HTTP 401", "token exchange");
    for (String secret : NEW_SECRETS) {
      assertThat(log).as("the TRACE log of this test").doesNotContain(secret);
    }
  }

  private Path cliScript(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    file.toFile().setExecutable(true);
    return file;
  }

  private void proxyRejectsCredentials() throws IOException {
    MockWebServer proxy = new MockWebServer();
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"x\"").build());
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"x\"").build());
    proxy.start();
    try {
      OkHttpClient.Builder builder = new OkHttpClient.Builder();
      ProxyConfig config = ProxyConfig.builder().host(proxy.getHostName()).port(proxy.getPort()).username("svc")
          .password(PROXY_PASSWORD).build();
      observe(config);
      config.applyTo(builder);
      try (okhttp3.Response response = builder.build().newCall(new Request.Builder()
          .url("http://workspace.invalid/").build()).execute()) {
        observe(response.code() + " " + response.headers().toString());
      }
    } finally {
      proxy.close();
    }
  }

  private void expectFailure(ThrowingRunnable action) {
    assertThatThrownBy(action::run).satisfies(observed::add);
  }

  private void observe(Object value) {
    observed.add(value);
  }

  private String render() {
    StringBuilder s = new StringBuilder();
    for (Object o : observed) {
      if (o instanceof Throwable) {
        StringWriter trace = new StringWriter();
        ((Throwable) o).printStackTrace(new PrintWriter(trace));
        s.append(trace).append('\n');
      } else {
        s.append(o).append('\n');
      }
    }
    return s.toString();
  }

  private static String readFrom(Path file, long offset) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
        StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
