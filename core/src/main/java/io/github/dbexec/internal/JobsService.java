package io.github.dbexec.internal;

import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Query;
import retrofit2.http.Streaming;

/**
 * The Jobs API endpoints dbexec calls, relative to {@code {host}/api/2.x/}, with their request and response types.
 * Each method's annotation is also the endpoint's label in messages and logs ({@link Endpoints}). Answers are read
 * by {@link JsonBodyConverterFactory}; {@code @Streaming} leaves the size cap to it. Created once per executor.
 */
public interface JobsService {
  @Streaming
  @POST("jobs/run-now")
  Call<Wire.RunNowResponse> runNow(@Body Wire.RunNowBody body);

  @Streaming
  @POST("jobs/runs/submit")
  Call<Wire.RunNowResponse> submitRun(@Body Wire.SubmitRunBody body);

  @Streaming
  @GET("jobs/get")
  Call<Wire.Job> getJob(@Query("job_id") long jobId);

  @Streaming
  @GET("jobs/runs/get")
  Call<Wire.Run> getRun(@Query("run_id") long runId);

  /** {@code jobs/get} with API 2.2's {@code page_token} for the rest of the job's arrays (null: first page). */
  @Streaming
  @GET("jobs/get")
  Call<Wire.Job> getJobPage(@Query("job_id") long jobId, @Query("page_token") @Nullable String pageToken);

  /** {@code runs/get} with API 2.2's {@code page_token} for the rest of the run's arrays (null: first page). */
  @Streaming
  @GET("jobs/runs/get")
  Call<Wire.Run> getRunPage(@Query("run_id") long runId, @Query("page_token") @Nullable String pageToken);

  @Streaming
  @GET("jobs/runs/list")
  Call<Wire.RunList> listRuns(
      @Query("job_id") long jobId,
      @Query("active_only") boolean activeOnly,
      @Query("limit") int limit,
      @Query("page_token") @Nullable String pageToken);

  /** {@code runs/list} with {@code expand_tasks}: each run with its tasks (on API 2.2 the first 100). */
  @Streaming
  @GET("jobs/runs/list")
  Call<Wire.RunList> listRuns(
      @Query("job_id") long jobId,
      @Query("active_only") boolean activeOnly,
      @Query("expand_tasks") boolean expandTasks,
      @Query("limit") int limit,
      @Query("page_token") @Nullable String pageToken);

  @Streaming
  @GET("jobs/runs/get-output")
  Call<Wire.RunOutput> getRunOutput(@Query("run_id") long runId);

  @Streaming
  @POST("jobs/runs/cancel")
  Call<Wire.Empty> cancelRun(@Body Wire.RunIdBody body);

  @Streaming
  @POST("jobs/runs/cancel-all")
  Call<Wire.Empty> cancelAllRuns(@Body Wire.CancelAllBody body);
}
