package io.github.dbexec.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable view of one run at one moment, as {@code runs/get} would show it then (after the server
 * settled to its clock). Obtained from {@link FakeJobsServer#run(long)} / {@link FakeJobsServer#runs(long)}.
 *
 * <p>Times are epoch milliseconds on the server's {@link FakeClock}; durations are milliseconds.
 *
 * @param json the whole {@code runs/get} body (deeply unmodifiable; API 2.1 shape, every task included)
 * @param idempotencyToken the {@code idempotency_token} the run was created with; null when none was sent
 */
public record RunSnapshot(Map<String, Object> json, @Nullable String idempotencyToken) {

  /**
   * Checks the components.
   *
   * @param json the whole {@code runs/get} body (deeply unmodifiable; API 2.1 shape, every task included)
   * @param idempotencyToken the {@code idempotency_token} the run was created with; null when none was sent
   * @throws NullPointerException when {@code json} is null
   */
  public RunSnapshot {
    Objects.requireNonNull(json, "json");
  }

  /**
   * {@code run_id}.
   *
   * @return {@code run_id}
   */
  public long runId() {
    return number("run_id");
  }

  /**
   * {@code job_id}; for a one-time run ({@code runs/submit}) the id of the anonymous job the service creates
   * for it, as real workspaces report.
   *
   * @return {@code job_id}
   */
  public long jobId() {
    return json.containsKey("job_id") ? number("job_id") : 0L;
  }

  /**
   * {@code number_in_job}; equal to the run id, as the Jobs API documents.
   *
   * @return {@code number_in_job}
   */
  public long numberInJob() {
    return number("number_in_job");
  }

  /**
   * {@code run_name}: the job's name, or a one-time run's {@code run_name} (default "Untitled").
   *
   * @return {@code run_name}
   */
  public String runName() {
    return string("run_name");
  }

  /**
   * {@code run_type}: JOB_RUN or SUBMIT_RUN.
   *
   * @return {@code run_type}
   */
  public RunType runType() {
    return RunType.fromWire((String) json.get("run_type"));
  }

  /**
   * {@code state.life_cycle_state}: QUEUED, PENDING, RUNNING, TERMINATING, TERMINATED, SKIPPED, INTERNAL_ERROR.
   *
   * @return {@code state.life_cycle_state}
   */
  public LifeCycleState lifeCycleState() {
    return LifeCycleState.fromWire((String) state().get("life_cycle_state"));
  }

  /**
   * {@code state.result_state}; null until the run is terminal.
   *
   * @return {@code state.result_state}
   */
  public @Nullable ResultState resultState() {
    return ResultState.fromWire((String) state().get("result_state"));
  }

  /**
   * {@code state.state_message} ("" when none).
   *
   * @return {@code state.state_message} ("" when none)
   */
  public String stateMessage() {
    Object message = state().get("state_message");
    return message == null ? "" : (String) message;
  }

  /**
   * {@code state.queue_reason}; null unless QUEUED.
   *
   * @return {@code state.queue_reason}
   */
  public @Nullable String queueReason() {
    return (String) state().get("queue_reason");
  }

  /**
   * {@code state.user_cancelled_or_timedout}.
   *
   * @return {@code state.user_cancelled_or_timedout}
   */
  public boolean userCancelledOrTimedout() {
    return Boolean.TRUE.equals(state().get("user_cancelled_or_timedout"));
  }

  /**
   * {@code status.state}: QUEUED, PENDING, RUNNING, TERMINATING or TERMINATED.
   *
   * @return {@code status.state}
   */
  public String statusState() {
    return (String) status().get("state");
  }

  /**
   * {@code status.queue_details.code} (e.g. MAX_CONCURRENT_RUNS_REACHED); null unless QUEUED.
   *
   * @return {@code status.queue_details.code}, or null
   */
  public @Nullable String queueCode() {
    Object details = status().get("queue_details");
    return details instanceof Map ? (String) ((Map<?, ?>) details).get("code") : null;
  }

  /**
   * {@code status.termination_details.code} (e.g. SUCCESS, MAX_CONCURRENT_RUNS_EXCEEDED); null while active.
   *
   * @return {@code status.termination_details.code}, or null
   */
  public @Nullable String terminationCode() {
    Object details = status().get("termination_details");
    return details instanceof Map ? (String) ((Map<?, ?>) details).get("code") : null;
  }

  /**
   * Whether the run is in a terminal life-cycle state (TERMINATED, SKIPPED, INTERNAL_ERROR).
   *
   * @return whether the run is in a terminal life-cycle state (TERMINATED, SKIPPED, INTERNAL_ERROR)
   */
  public boolean isTerminal() {
    return lifeCycleState().isTerminal();
  }

  /**
   * {@code overriding_parameters}: the {@code *_params} fields sent with {@code run-now}
   * ({@code notebook_params} as a {@code Map<String,String>}, {@code jar_params} as a {@code List<String>},
   * ...); empty when none were sent.
   *
   * @return {@code overriding_parameters}
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> overridingParameters() {
    Object value = json.get("overriding_parameters");
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  /**
   * The resolved {@code job_parameters} as name → value (defaults overlaid by the values sent).
   *
   * @return the resolved {@code job_parameters} as name → value (defaults overlaid by the values sent)
   */
  public Map<String, String> jobParameters() {
    Map<String, String> result = new LinkedHashMap<>();
    Object value = json.get("job_parameters");
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        Map<?, ?> param = (Map<?, ?>) item;
        Object v = param.get("value");
        result.put(String.valueOf(param.get("name")), v == null ? "" : String.valueOf(v));
      }
    }
    return result;
  }

  /**
   * {@code start_time}: when the run was created (epoch ms; queueing time included).
   *
   * @return {@code start_time}
   */
  public long startTime() {
    return number("start_time");
  }

  /**
   * {@code end_time}: epoch ms, 0 while the run is active.
   *
   * @return {@code end_time}
   */
  public long endTime() {
    return number("end_time");
  }

  /**
   * {@code queue_duration}: ms spent QUEUED (so far, while still queued).
   *
   * @return {@code queue_duration}
   */
  public long queueDuration() {
    return number("queue_duration");
  }

  /**
   * {@code run_duration}: ms from start to end, 0 while active.
   *
   * @return {@code run_duration}
   */
  public long runDuration() {
    return number("run_duration");
  }

  /**
   * The {@code run_id}s of the run's task runs ({@code tasks[].run_id}), in task order; these are the ids
   * {@code runs/get-output} takes. Empty for a job without tasks.
   *
   * @return the {@code run_id}s of the run's task runs ({@code tasks[].run_id}), in task order
   */
  public List<Long> taskRunIds() {
    Object tasks = json.get("tasks");
    if (!(tasks instanceof List)) {
      return List.of();
    }
    return ((List<?>) tasks).stream().map(t -> ((Number) ((Map<?, ?>) t).get("run_id")).longValue()).toList();
  }

  /**
   * The run's task runs ({@code tasks}), in the job's task order; empty for a run without tasks.
   *
   * @return the run's task runs ({@code tasks}), in the job's task order
   */
  public List<TaskRunSnapshot> tasks() {
    Object tasks = json.get("tasks");
    if (!(tasks instanceof List)) {
      return List.of();
    }
    return ((List<?>) tasks).stream().map(t -> TaskRunSnapshot.of((Map<?, ?>) t)).toList();
  }

  /**
   * {@code run_page_url}.
   *
   * @return {@code run_page_url}
   */
  public String runPageUrl() {
    return string("run_page_url");
  }

  private Map<?, ?> state() {
    return (Map<?, ?>) json.get("state");
  }

  private Map<?, ?> status() {
    return (Map<?, ?>) json.get("status");
  }

  private long number(String field) {
    return ((Number) json.get(field)).longValue();
  }

  private String string(String field) {
    Object value = json.get(field);
    return value == null ? "" : value.toString();
  }

  @Override
  public String toString() {
    return "RunSnapshot{runId=" + runId() + ", jobId=" + jobId() + ", lifeCycleState=" + lifeCycleState()
        + ", resultState=" + resultState() + ", queueReason=" + queueReason() + "}";
  }
}
