package io.github.dbexec.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IDEs complete dbexec.* from the metadata the configuration processor writes into the jar. */
class ConfigurationMetadataTest {
  @Test
  void metadata_inTheJar_describesEveryGroupOfProperties() throws Exception {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(json).contains("\"dbexec.host\"", "\"dbexec.token\"", "\"dbexec.oauth.client-secret\"",
        "\"dbexec.azure.tenant-id\"", "\"dbexec.basic.username\"", "\"dbexec.read-timeout\"",
        "\"dbexec.retry.max-attempts\"", "\"dbexec.queue-reporting\"", "\"dbexec.events.json-lines-file\"",
        "\"dbexec.health.cache-ttl\"");
    assertThat(json).contains("Personal access token");
  }
}
