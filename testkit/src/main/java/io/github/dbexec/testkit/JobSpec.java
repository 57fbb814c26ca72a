package io.github.dbexec.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a saved job, typed: what {@code POST /api/2.2/jobs/create} carries. Used with
 * {@link FakeJobsServer#createJob(JobSpec)}.
 *
 * <pre>{@code
 * long jobId = server.createJob(JobSpec.builder()
 *     .name("nightly")
 *     .maxConcurrentRuns(2)
 *     .queueEnabled(false)
 *     .notebookTask("/Users/me/nightly")
 *     .build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class JobSpec {
  private final String name;
  private final @Nullable Integer maxConcurrentRuns;
  private final @Nullable Boolean queueEnabled;
  private final @Nullable Integer timeoutSeconds;
  private final @Nullable String taskType;
  private final @Nullable String taskTarget;
  private final Map<String, String> parameters;

  private JobSpec(Builder builder) {
    this.name = builder.name;
    this.maxConcurrentRuns = builder.maxConcurrentRuns;
    this.queueEnabled = builder.queueEnabled;
    this.timeoutSeconds = builder.timeoutSeconds;
    this.taskType = builder.taskType;
    this.taskTarget = builder.taskTarget;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
  }

  /**
   * A builder with the defaults: name "Untitled", no task, server defaults for everything else.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code name}; default "Untitled".
   *
   * @return {@code name}
   */
  public String name() {
    return name;
  }

  /**
   * {@code max_concurrent_runs}, or null for the server default (1).
   *
   * @return {@code max_concurrent_runs}, or null for the server default (1)
   */
  public @Nullable Integer maxConcurrentRuns() {
    return maxConcurrentRuns;
  }

  /**
   * {@code queue.enabled}, or null for the server default (on for jobs created through API 2.2).
   *
   * @return {@code queue.enabled}, or null for the server default (on for jobs created through API 2.2)
   */
  public @Nullable Boolean queueEnabled() {
    return queueEnabled;
  }

  /**
   * {@code timeout_seconds}, or null for none (0).
   *
   * @return {@code timeout_seconds}, or null for none (0)
   */
  public @Nullable Integer timeoutSeconds() {
    return timeoutSeconds;
  }

  /**
   * Job parameters ({@code parameters: [{name, default}]}), in insertion order.
   *
   * @return the job parameters as name → default value
   */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The settings as {@code jobs/create} JSON (a fresh mutable tree). */
  Map<String, Object> toSettings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("name", name);
    if (maxConcurrentRuns != null) {
      settings.put("max_concurrent_runs", maxConcurrentRuns.longValue());
    }
    if (queueEnabled != null) {
      Map<String, Object> queue = new LinkedHashMap<>();
      queue.put("enabled", queueEnabled);
      settings.put("queue", queue);
    }
    if (timeoutSeconds != null) {
      settings.put("timeout_seconds", timeoutSeconds.longValue());
    }
    if (taskType != null && taskTarget != null) {
      Map<String, Object> payload = new LinkedHashMap<>();
      switch (taskType) {
        case "notebook_task":
          payload.put("notebook_path", taskTarget);
          payload.put("source", "WORKSPACE");
          break;
        case "spark_jar_task":
          payload.put("main_class_name", taskTarget);
          break;
        default:
          payload.put("python_file", taskTarget);
          break;
      }
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("task_key", "main");
      task.put(taskType, payload);
      List<Object> tasks = new ArrayList<>();
      tasks.add(task);
      settings.put("tasks", tasks);
    }
    if (!parameters.isEmpty()) {
      List<Object> list = new ArrayList<>();
      parameters.forEach((n, d) -> {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", n);
        p.put("default", d);
        list.add(p);
      });
      settings.put("parameters", list);
    }
    return settings;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JobSpec)) {
      return false;
    }
    JobSpec other = (JobSpec) o;
    return name.equals(other.name) && Objects.equals(maxConcurrentRuns, other.maxConcurrentRuns)
        && Objects.equals(queueEnabled, other.queueEnabled) && Objects.equals(timeoutSeconds, other.timeoutSeconds)
        && Objects.equals(taskType, other.taskType) && Objects.equals(taskTarget, other.taskTarget)
        && parameters.equals(other.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, maxConcurrentRuns, queueEnabled, timeoutSeconds, taskType, taskTarget, parameters);
  }

  @Override
  public String toString() {
    return "JobSpec{name=" + name + ", maxConcurrentRuns=" + maxConcurrentRuns + ", queueEnabled="
        + queueEnabled + ", timeoutSeconds=" + timeoutSeconds + ", task=" + taskType + ":" + taskTarget
        + ", parameters=" + parameters + "}";
  }

  /** Builds a {@link JobSpec}. Mutable, not thread-safe. */
  public static final class Builder {
    private String name = "Untitled";
    private @Nullable Integer maxConcurrentRuns;
    private @Nullable Boolean queueEnabled;
    private @Nullable Integer timeoutSeconds;
    private @Nullable String taskType;
    private @Nullable String taskTarget;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private Builder() {}

    /**
     * {@code name}; default "Untitled".
     *
     * @param name the job's name ({@code settings.name})
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * {@code max_concurrent_runs}: 0..1000 (0 = every new run is skipped); default 1.
     *
     * @param maxConcurrentRuns the job's {@code max_concurrent_runs}
     * @return this builder
     */
    public Builder maxConcurrentRuns(int maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
      return this;
    }

    /**
     * {@code queue.enabled}; default: on (the API 2.2 default for new jobs).
     *
     * @param queueEnabled the job's {@code queue.enabled}
     * @return this builder
     */
    public Builder queueEnabled(boolean queueEnabled) {
      this.queueEnabled = queueEnabled;
      return this;
    }

    /**
     * {@code timeout_seconds}: a run still going after this many seconds ends TIMEDOUT; 0 = none.
     *
     * @param timeoutSeconds the job's {@code timeout_seconds}
     * @return this builder
     */
    public Builder timeoutSeconds(int timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
      return this;
    }

    /**
     * One task {@code main} with {@code notebook_task.notebook_path}.
     *
     * @param notebookPath the {@code notebook_task.notebook_path}
     * @return this builder
     */
    public Builder notebookTask(String notebookPath) {
      return task("notebook_task", Objects.requireNonNull(notebookPath, "notebookPath"));
    }

    /**
     * One task {@code main} with {@code spark_jar_task.main_class_name}.
     *
     * @param mainClassName the {@code spark_jar_task.main_class_name}
     * @return this builder
     */
    public Builder jarTask(String mainClassName) {
      return task("spark_jar_task", Objects.requireNonNull(mainClassName, "mainClassName"));
    }

    /**
     * One task {@code main} with {@code spark_python_task.python_file}.
     *
     * @param pythonFile the {@code spark_python_task.python_file}
     * @return this builder
     */
    public Builder pythonTask(String pythonFile) {
      return task("spark_python_task", Objects.requireNonNull(pythonFile, "pythonFile"));
    }

    /**
     * Adds a job parameter ({@code parameters[] {name, default}}).
     *
     * @param defaultValue the parameter's default value
     * @param name the job parameter's name
     * @return this builder
     */
    public Builder parameter(String name, String defaultValue) {
      parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(defaultValue, "defaultValue"));
      return this;
    }

    private Builder task(String type, String target) {
      if (taskType != null && !taskType.equals(type)) {
        throw new IllegalStateException("a JobSpec has at most one task; already has a " + taskType);
      }
      this.taskType = type;
      this.taskTarget = target;
      return this;
    }

    /**
     * @return the job specification
     * @throws IllegalArgumentException when maxConcurrentRuns is outside 0..1000 or timeoutSeconds is
     *     negative
     *
     */
    public JobSpec build() {
      if (maxConcurrentRuns != null && (maxConcurrentRuns < 0 || maxConcurrentRuns > 1000)) {
        throw new IllegalArgumentException("maxConcurrentRuns must be 0..1000, got " + maxConcurrentRuns);
      }
      if (timeoutSeconds != null && timeoutSeconds < 0) {
        throw new IllegalArgumentException("timeoutSeconds must be >= 0, got " + timeoutSeconds);
      }
      return new JobSpec(this);
    }
  }
}
