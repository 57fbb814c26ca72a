package io.github.dbexec.examples;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.RunResult;
import io.github.dbexec.Submission;
import io.github.dbexec.testkit.FakeJobsServer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What README's Java snippets take from their surroundings without declaring it: an executor, a logger, ids, a
 * fake server, an application's own event type. {@link ReadmeSnippetsTest} compiles each statement snippet as the
 * body of a method of a subclass of this class (a snippet declaring a type becomes its members), so a snippet may
 * use these names, and must import every type it names itself.
 */
@SuppressWarnings({"NotNullFieldNotInitialized", "unused"})
public abstract class SnippetContext {
  /** An application's event, as in README's trigger example. */
  public record FileClosed(String path) {}

  /** The client under test in the testkit README's example. */
  public interface MyClient {
    long runNow(long jobId, Map<String, String> notebookParams);
  }

  protected final Logger log = LoggerFactory.getLogger(getClass());
  protected DatabricksExecutor executor;
  protected Submission submission;
  protected FakeJobsServer server;
  protected MyClient myClient;
  protected FileClosed event;
  protected List<String> transitions;
  protected String host;
  protected String token;
  protected String day;
  protected long jobId;
  protected long runId;

  protected void retryLater(RunResult result) {}
}
