package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.auth.AzureServicePrincipalCredentials;
import io.github.dbexec.auth.BasicCredentials;
import io.github.dbexec.auth.OAuthM2mCredentials;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TokenCredentials;
import io.github.dbexec.internal.Redactor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Core's one redaction routine: credential-looking text is masked by pattern (the cases the events module used to
 * cover), and the executor's own configured secrets are removed literally, whatever their format.
 */
class RedactorTest {
  private final Redactor redactor = Redactor.create();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "token dapi0123456789abcdef0123 refused           | dapi0123456789abcdef0123",
      "query token=abc123&x=1                           | abc123",
      "password: hunter2                                | hunter2",
      "Authorization: Basic c3ZjOmh1bnRlcjI=            | c3ZjOmh1bnRlcjI=",
      "Authorization: Bearer some.opaque-token          | some.opaque-token",
      "passwd=letmein99                                 | letmein99",
      "secret=s3cr3tvalue                               | s3cr3tvalue",
      "client_secret=abcd1234efgh                       | abcd1234efgh",
      "access_token=ya29.a0AfH6SM                       | ya29.a0AfH6SM",
      "refresh_token: 1//0gRefresh                      | 1//0gRefresh",
      "body {\"client_secret\":\"json-secret-1\"}       | json-secret-1",
      "body {\"access_token\": \"json-access-2\"}       | json-access-2",
      "body {\"refresh_token\" : \"json-refresh-3\"}    | json-refresh-3",
      "body {\"password\":\"json-pass-4\",\"user\":\"u\"} | json-pass-4",
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln    | eyJhbGciOiJIUzI1NiJ9",
  })
  void redact_credentialLookingText_maskedByPattern(String text, String secret) {
    String redacted = redactor.redact(text.strip());

    assertThat(redacted).doesNotContain(secret.strip()).contains(Redactor.MASK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run 42 is RUNNING", "job_id=17 (max_concurrent_runs 1)", "tokens: 3 used"})
  void redact_ordinaryText_unchanged(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void addCredentials_everyKnownKind_secretsRemovedLiterallyWhateverTheirFormat() {
    Redactor tokens = Redactor.create();
    Redactor oauth = Redactor.create();
    Redactor azure = Redactor.create();
    Redactor basic = Redactor.create();

    tokens.addCredentials(TokenCredentials.of("plain-4711-token"), null);
    oauth.addCredentials(OAuthM2mCredentials.builder().clientId("sp").clientSecret("oauth-s3cret-99").build(),
        ProxyConfig.builder().host("proxy").port(3128).username("pu").password("proxy-pw-55").build());
    azure.addCredentials(AzureServicePrincipalCredentials.builder().tenantId("t").clientId("c")
        .clientSecret("azure~Secret.77").build(), null);
    basic.addCredentials(BasicCredentials.of("svc", "horse-battery"), null);

    assertThat(tokens.redact("echo plain-4711-token!")).isEqualTo("echo ***!");
    assertThat(oauth.redact("client said oauth-s3cret-99 via proxy-pw-55")).isEqualTo("client said *** via ***");
    assertThat(azure.redact("<p>azure~Secret.77</p>")).isEqualTo("<p>***</p>");
    assertThat(basic.redact("pw horse-battery, header c3ZjOmhvcnNlLWJhdHRlcnk="))
        .doesNotContain("horse-battery").doesNotContain("c3ZjOmhvcnNlLWJhdHRlcnk=");
  }
}
