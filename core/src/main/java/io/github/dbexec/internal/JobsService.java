package io.github.dbexec.internal;

import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Query;
import retrofit2.http.Streaming;

/**
 * The Jobs API endpoints dbexec calls, relative to {@code {host}/api/2.x/}. Created once per executor by Retrofit.
 */
public interface JobsService {
  @Streaming
  @POST("jobs/run-now")
  Call<ResponseBody> runNow(@Body Wire.RunNowBody body);

  @Streaming
  @GET("jobs/get")
  Call<ResponseBody> getJob(@Query("job_id") long jobId);

  @Streaming
  @GET("jobs/runs/get")
  Call<ResponseBody> getRun(@Query("run_id") long runId);

  @Streaming
  @GET("jobs/runs/list")
  Call<ResponseBody> listRuns(
      @Query("job_id") long jobId,
      @Query("active_only") boolean activeOnly,
      @Query("limit") int limit,
      @Query("page_token") @Nullable String pageToken);

  @Streaming
  @GET("jobs/runs/get-output")
  Call<ResponseBody> getRunOutput(@Query("run_id") long runId);

  @Streaming
  @POST("jobs/runs/cancel")
  Call<ResponseBody> cancelRun(@Body Wire.RunIdBody body);

  @Streaming
  @POST("jobs/runs/cancel-all")
  Call<ResponseBody> cancelAllRuns(@Body Wire.CancelAllBody body);

  @Streaming
  @POST("jobs/runs/submit")
  Call<ResponseBody> submitRun(@Body Wire.SubmitRunBody body);
}
