package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtensionPerTestTest {
  private static final java.util.Set<Integer> PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @RegisterExtension
  final FakeJobsServerExtension fake = FakeJobsServerExtension.perTest(b -> b.token("dapi-test"));

  @Test
  void server_injectedAndFromExtension_areTheSameStartedServer(FakeJobsServer injected) {
    FakeJobsServer server = fake.server();

    assertThat(injected).isSameAs(server);
    assertThat(Http.to(server).ok("/api/2.2/jobs/runs/list")).containsEntry("has_more", false);
    PORTS.add(server.port());
  }

  @Test
  void server_configuredToken_isEnforced(FakeJobsServer server, RequestJournal journal) throws Exception {
    int status = Http.to(server).withAuthorization("Bearer other").get("/api/2.2/jobs/runs/list").status();

    assertThat(status).isEqualTo(403);
    assertThat(journal.all()).hasSize(1);
    PORTS.add(server.port());
  }

  @AfterAll
  static void eachTestHadItsOwnServer() {
    assertThat(PORTS).hasSize(2);
  }
}
