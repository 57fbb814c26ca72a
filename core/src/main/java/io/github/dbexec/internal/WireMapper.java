package io.github.dbexec.internal;

import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.JobInfo;
import io.github.dbexec.Run;
import io.github.dbexec.RunLifeCycleState;
import io.github.dbexec.RunOutput;
import io.github.dbexec.RunResultState;
import io.github.dbexec.RunTask;
import io.github.dbexec.TaskType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Maps the Jobs API's wire types to dbexec's public values, in one place. Stateless. */
public final class WireMapper {
  private WireMapper() {}

  /**
   * The public snapshot of a wire run.
   *
   * @param endpoint the label of the request that returned it, for the message when it is unusable
   * @throws DatabricksTransportException when the run has no {@code run_id}
   */
  public static Run run(Wire.Run w, String endpoint) {
    if (w.runId == null) {
      throw DatabricksTransportException.unusableResponse(endpoint + " answered a run without run_id", 200, false,
          null);
    }
    Wire.RunState s = w.state;
    Wire.RunStatus st = w.status;
    Wire.Details t = st == null ? null : st.terminationDetails;
    List<RunTask> tasks = new ArrayList<>();
    if (w.tasks != null) {
      for (Wire.Task task : w.tasks) {
        if (task.runId != null) {
          tasks.add(new RunTask(task.taskKey == null ? "" : task.taskKey, task.runId,
              RunLifeCycleState.fromWire(task.state == null ? null : task.state.lifeCycleState),
              RunResultState.fromWire(task.state == null ? null : task.state.resultState),
              task.state == null ? null : emptyToNull(task.state.stateMessage),
              task.attemptNumber == null || task.attemptNumber < 0 ? 0 : task.attemptNumber,
              positive(task.startTime), positive(task.endTime), task.setupDuration, task.executionDuration,
              task.cleanupDuration));
        }
      }
    }
    return new Run(w.runId, w.jobId, w.numberInJob, w.runName, w.runType, w.trigger, w.runPageUrl,
        s == null ? null : s.lifeCycleState,
        s == null ? null : s.resultState,
        s == null ? null : emptyToNull(s.stateMessage),
        s != null && Boolean.TRUE.equals(s.userCancelledOrTimedout),
        s == null ? null : emptyToNull(s.queueReason),
        st == null ? null : st.state,
        st == null || st.queueDetails == null ? null : st.queueDetails.code,
        t == null ? null : t.code,
        t == null ? null : t.type,
        t == null ? null : emptyToNull(t.message),
        positive(w.startTime), positive(w.endTime), w.queueDuration, w.setupDuration, w.executionDuration,
        w.cleanupDuration, w.runDuration, tasks);
  }

  /** The public output of a task run; {@code metadata} is required. */
  public static RunOutput runOutput(Wire.RunOutput out, String endpoint) {
    if (out.metadata == null) {
      throw DatabricksTransportException.unusableResponse(endpoint + " answered without metadata", 200, false, null);
    }
    Wire.NotebookOutput nb = out.notebookOutput;
    return new RunOutput(run(out.metadata, endpoint), nb == null ? null : nb.result,
        nb != null && Boolean.TRUE.equals(nb.truncated), out.logs, Boolean.TRUE.equals(out.logsTruncated),
        out.error, out.errorTrace);
  }

  /** What the preflight check reports about a job. */
  public static JobInfo jobInfo(long jobId, Wire.Job job) {
    Wire.JobSettings settings = job.settings;
    Set<TaskType> types = EnumSet.noneOf(TaskType.class);
    if (settings != null && settings.tasks != null) {
      for (Wire.Task t : settings.tasks) {
        if (t.notebookTask != null) {
          types.add(TaskType.NOTEBOOK);
        }
        if (t.sparkJarTask != null) {
          types.add(TaskType.JAR);
        }
        if (t.sparkPythonTask != null) {
          types.add(TaskType.PYTHON);
        }
        if (t.pythonWheelTask != null) {
          types.add(TaskType.PYTHON_WHEEL);
        }
        if (t.sparkSubmitTask != null) {
          types.add(TaskType.SPARK_SUBMIT);
        }
        if (t.sqlTask != null) {
          types.add(TaskType.SQL);
        }
        if (t.dbtTask != null) {
          types.add(TaskType.DBT);
        }
        if (t.pipelineTask != null) {
          types.add(TaskType.PIPELINE);
        }
      }
    }
    return new JobInfo(jobId, settings == null || settings.name == null ? "" : settings.name,
        maxConcurrentRuns(settings), queueEnabled(settings), types);
  }

  /** {@code settings.max_concurrent_runs}, 1 when absent. */
  static int maxConcurrentRuns(Wire.@Nullable JobSettings settings) {
    return settings == null || settings.maxConcurrentRuns == null ? 1 : settings.maxConcurrentRuns;
  }

  /** {@code settings.queue.enabled}, false when absent. */
  static boolean queueEnabled(Wire.@Nullable JobSettings settings) {
    return settings != null && settings.queue != null && Boolean.TRUE.equals(settings.queue.enabled);
  }

  private static @Nullable Long positive(@Nullable Long v) {
    return v == null || v <= 0 ? null : v;
  }

  static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
