package io.github.dbexec;

import io.github.dbexec.internal.RequestRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A repair of a finished run ({@code runs/repair}): re-run its failed tasks, or the tasks named, optionally with the
 * tasks that depend on them and with new parameters. An immutable value, checked when it is created; send it with
 * {@link DatabricksExecutor#repair(RepairRequest)}:
 *
 * <pre>{@code
 * Repair repair = executor.repair(RepairRequest.builder(runId).rerunAllFailedTasks().build());
 * RunResult again = repair.awaitTermination(Duration.ofHours(1));
 *
 * executor.repair(RepairRequest.builder(runId).rerunTasks(List.of("transform")).rerunDependentTasks(true)
 *     .jobParameter("day", "2026-11-21").build());
 * }</pre>
 *
 * <p>The run must have finished: the workspace refuses to repair an active run (400 {@code INVALID_STATE}). A repair
 * re-runs the chosen tasks as new attempts (new task run ids, {@code attempt_number} one higher) under the same
 * {@code run_id}; the other tasks keep their results.
 *
 * @param runId the job run's {@code run_id}, &gt; 0 (not a task run's)
 * @param rerunTasks {@code rerun_tasks}: the task keys to re-run; empty when {@code rerunAllFailedTasks}
 * @param rerunAllFailedTasks {@code rerun_all_failed_tasks}: re-run every task that did not succeed
 * @param rerunDependentTasks {@code rerun_dependent_tasks}: also re-run the tasks that depend on the re-run ones
 * @param jobParameters {@code job_parameters} for the repair: job-level parameters by name
 * @param notebookParams {@code notebook_params}: notebook widget values by name
 * @param jarParams {@code jar_params}: arguments to a JAR task's main class
 * @param pythonParams {@code python_params}: arguments to a Python file task; ASCII
 * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
 * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task; ASCII
 * @param sqlParams {@code sql_params}: parameters of a SQL task by name
 */
public record RepairRequest(
    long runId,
    List<String> rerunTasks,
    boolean rerunAllFailedTasks,
    boolean rerunDependentTasks,
    @Nullable Map<String, String> jobParameters,
    @Nullable Map<String, String> notebookParams,
    @Nullable List<String> jarParams,
    @Nullable List<String> pythonParams,
    @Nullable Map<String, String> pythonNamedParams,
    @Nullable List<String> sparkSubmitParams,
    @Nullable Map<String, String> sqlParams) {
  /**
   * Copies the collections and checks the Jobs API's rules.
   *
   * @param runId the job run's {@code run_id}, &gt; 0 (not a task run's)
   * @param rerunTasks {@code rerun_tasks}: the task keys to re-run; empty when {@code rerunAllFailedTasks}
   * @param rerunAllFailedTasks {@code rerun_all_failed_tasks}: re-run every task that did not succeed
   * @param rerunDependentTasks {@code rerun_dependent_tasks}: also re-run the tasks that depend on the re-run ones
   * @param jobParameters {@code job_parameters} for the repair: job-level parameters by name
   * @param notebookParams {@code notebook_params}: notebook widget values by name
   * @param jarParams {@code jar_params}: arguments to a JAR task's main class
   * @param pythonParams {@code python_params}: arguments to a Python file task; ASCII
   * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
   * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task; ASCII
   * @param sqlParams {@code sql_params}: parameters of a SQL task by name
   * @throws InvalidRequestException naming the field: {@code run_id} not &gt; 0, both or neither of
   *     {@code rerun_tasks} and {@code rerun_all_failed_tasks}, a blank task key, a parameter field over 10,000
   *     bytes of JSON, non-ASCII {@code python_params} or {@code spark_submit_params}
   */
  public RepairRequest {
    if (runId <= 0) {
      throw new InvalidRequestException("run_id", "run_id must be > 0, was " + runId);
    }
    rerunTasks = List.copyOf(Objects.requireNonNull(rerunTasks, "rerunTasks"));
    if (rerunTasks.isEmpty() == !rerunAllFailedTasks) {
      throw new InvalidRequestException("rerun_tasks", "set exactly one of rerun_tasks (was " + rerunTasks
          + ") and rerun_all_failed_tasks (was " + rerunAllFailedTasks + ")");
    }
    for (String key : rerunTasks) {
      if (key.isBlank()) {
        throw new InvalidRequestException("rerun_tasks", "rerun_tasks has a blank task key: " + rerunTasks);
      }
    }
    jobParameters = RequestRules.copyMap("job_parameters", jobParameters);
    notebookParams = RequestRules.copyMap("notebook_params", notebookParams);
    jarParams = RequestRules.copyList("jar_params", jarParams);
    pythonParams = RequestRules.copyList("python_params", pythonParams);
    pythonNamedParams = RequestRules.copyMap("python_named_params", pythonNamedParams);
    sparkSubmitParams = RequestRules.copyList("spark_submit_params", sparkSubmitParams);
    sqlParams = RequestRules.copyMap("sql_params", sqlParams);
    RequestRules.requireAscii("python_params", pythonParams);
    RequestRules.requireAscii("spark_submit_params", sparkSubmitParams);
    RequestRules.checkParameterSize("job_parameters", jobParameters);
    RequestRules.checkParameterSize("notebook_params", notebookParams);
    RequestRules.checkParameterSize("jar_params", jarParams);
    RequestRules.checkParameterSize("python_params", pythonParams);
    RequestRules.checkParameterSize("python_named_params", pythonNamedParams);
    RequestRules.checkParameterSize("spark_submit_params", sparkSubmitParams);
    RequestRules.checkParameterSize("sql_params", sqlParams);
  }

  /**
   * A builder for a repair of {@code runId}.
   *
   * @param runId the job run's {@code run_id}, &gt; 0
   * @return a new builder; mutable, not thread-safe
   */
  public static Builder builder(long runId) {
    return new Builder(runId);
  }

  /** Builds a {@link RepairRequest}; {@link #build()} checks it. Mutable, not thread-safe. */
  public static final class Builder {
    private final long runId;
    private List<String> rerunTasks = List.of();
    private boolean rerunAllFailedTasks;
    private boolean rerunDependentTasks;
    private @Nullable Map<String, String> jobParameters;
    private @Nullable Map<String, String> notebookParams;
    private @Nullable List<String> jarParams;
    private @Nullable List<String> pythonParams;
    private @Nullable Map<String, String> pythonNamedParams;
    private @Nullable List<String> sparkSubmitParams;
    private @Nullable Map<String, String> sqlParams;

    private Builder(long runId) {
      this.runId = runId;
    }

    /**
     * {@code rerun_tasks}: the keys of the tasks to re-run. Excludes {@link #rerunAllFailedTasks()}.
     * @param taskKeys the {@code task_key}s to re-run, not empty
     * @return this builder
     */
    public Builder rerunTasks(List<String> taskKeys) {
      this.rerunTasks = List.copyOf(Objects.requireNonNull(taskKeys, "taskKeys"));
      return this;
    }

    /**
     * {@code rerun_all_failed_tasks}: re-run every task that did not succeed. Excludes {@link #rerunTasks}.
     * @return this builder
     */
    public Builder rerunAllFailedTasks() {
      this.rerunAllFailedTasks = true;
      return this;
    }

    /**
     * {@code rerun_dependent_tasks}: also re-run every task that depends on a re-run one; default false.
     * @param rerunDependentTasks {@code rerun_dependent_tasks}: also re-run the tasks that depend on the re-run ones
     * @return this builder
     */
    public Builder rerunDependentTasks(boolean rerunDependentTasks) {
      this.rerunDependentTasks = rerunDependentTasks;
      return this;
    }

    /**
     * {@code job_parameters}: job-level parameters by name, replacing the run's.
     * @param jobParameters {@code job_parameters} for the repair: job-level parameters by name
     * @return this builder
     */
    public Builder jobParameters(Map<String, String> jobParameters) {
      this.jobParameters = new LinkedHashMap<>(Objects.requireNonNull(jobParameters, "jobParameters"));
      return this;
    }

    /**
     * Adds one job-level parameter.
     * @param name the parameter's name
     * @param value its value
     * @return this builder
     */
    public Builder jobParameter(String name, String value) {
      if (jobParameters == null) {
        jobParameters = new LinkedHashMap<>();
      }
      jobParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * {@code notebook_params}: notebook widget values by name.
     * @param notebookParams {@code notebook_params}: notebook widget values by name
     * @return this builder
     */
    public Builder notebookParams(Map<String, String> notebookParams) {
      this.notebookParams = new LinkedHashMap<>(Objects.requireNonNull(notebookParams, "notebookParams"));
      return this;
    }

    /**
     * {@code jar_params}: arguments to a JAR task's main class, in order.
     * @param jarParams {@code jar_params}: arguments to a JAR task's main class
     * @return this builder
     */
    public Builder jarParams(List<String> jarParams) {
      this.jarParams = Objects.requireNonNull(jarParams, "jarParams");
      return this;
    }

    /**
     * {@code python_params}: arguments to a Python file task, in order; ASCII.
     * @param pythonParams {@code python_params}: arguments to a Python file task; ASCII
     * @return this builder
     */
    public Builder pythonParams(List<String> pythonParams) {
      this.pythonParams = Objects.requireNonNull(pythonParams, "pythonParams");
      return this;
    }

    /**
     * {@code python_named_params}: named arguments to a Python wheel task.
     * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
     * @return this builder
     */
    public Builder pythonNamedParams(Map<String, String> pythonNamedParams) {
      this.pythonNamedParams = new LinkedHashMap<>(Objects.requireNonNull(pythonNamedParams, "pythonNamedParams"));
      return this;
    }

    /**
     * {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII.
     * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task; ASCII
     * @return this builder
     */
    public Builder sparkSubmitParams(List<String> sparkSubmitParams) {
      this.sparkSubmitParams = Objects.requireNonNull(sparkSubmitParams, "sparkSubmitParams");
      return this;
    }

    /**
     * {@code sql_params}: parameters of a SQL task by name.
     * @param sqlParams {@code sql_params}: parameters of a SQL task by name
     * @return this builder
     */
    public Builder sqlParams(Map<String, String> sqlParams) {
      this.sqlParams = new LinkedHashMap<>(Objects.requireNonNull(sqlParams, "sqlParams"));
      return this;
    }

    /**
     * The request.
     *
     * @return the checked request
     * @throws InvalidRequestException when it breaks a Jobs API rule, naming the field
     */
    public RepairRequest build() {
      return new RepairRequest(runId, rerunTasks, rerunAllFailedTasks, rerunDependentTasks, jobParameters,
          notebookParams, jarParams, pythonParams, pythonNamedParams, sparkSubmitParams, sqlParams);
    }
  }
}
