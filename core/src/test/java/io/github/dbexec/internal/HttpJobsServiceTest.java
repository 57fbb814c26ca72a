package io.github.dbexec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.GET;
import retrofit2.http.POST;

/**
 * {@link HttpJobsService} against what Retrofit builds from {@link JobsService}'s annotations: for every method, with
 * and without the nullable page token, the same HTTP method, URL (path and query) and body bytes and content type;
 * and the label the annotation gives.
 */
class HttpJobsServiceTest {
  private static final HttpUrl BASE = HttpUrl.get("https://adb-1.azuredatabricks.net/api/2.2/");

  private final OkHttpClient http = new OkHttpClient();
  private final Moshi moshi = new Moshi.Builder().add(WireAdapters.FACTORY).build();
  private final JobsService handWritten = new HttpJobsService(http, BASE, moshi);
  private final JobsService retrofit = new Retrofit.Builder().baseUrl(BASE).client(http)
      .addConverterFactory(MoshiConverterFactory.create(moshi)).build().create(JobsService.class);

  @Test
  void everyMethod_withAndWithoutPageToken_buildsTheRequestRetrofitBuilds() throws Exception {
    int checked = 0;
    for (Method m : JobsService.class.getMethods()) {
      for (boolean nullToken : List.of(false, true)) {
        Object[] args = args(m, nullToken);
        Request ours = ((Call<?>) m.invoke(handWritten, args)).request();
        Request theirs = ((Call<?>) m.invoke(retrofit, args)).request();

        assertThat(ours.method()).as(m.toString()).isEqualTo(theirs.method());
        assertThat(ours.url()).as(m.toString()).isEqualTo(theirs.url());
        assertThat(body(ours)).as(m.toString()).isEqualTo(body(theirs));
        assertThat(ours.body() == null ? null : ours.body().contentType())
            .isEqualTo(theirs.body() == null ? null : theirs.body().contentType());
        assertThat(Endpoints.label(ours)).as(m.toString()).isEqualTo(label(m)).isEqualTo(Endpoints.label(theirs));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(2 * JobsService.class.getMethods().length).isGreaterThanOrEqualTo(22);
  }

  @Test
  void runNow_clone_sendsTheSameRequestAgain() {
    Wire.RunNowBody body = new Wire.RunNowBody();
    body.jobId = 9;
    Call<Wire.RunNowResponse> call = handWritten.runNow(body);

    Call<Wire.RunNowResponse> again = call.clone();

    assertThat(again).isNotSameAs(call);
    assertThat(again.request()).isSameAs(call.request());
    assertThat(again.isExecuted()).isFalse();
  }

  private static String label(Method m) {
    GET get = m.getAnnotation(GET.class);
    return get != null ? "GET " + get.value() : "POST " + m.getAnnotation(POST.class).value();
  }

  private static Object[] args(Method m, boolean nullToken) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == long.class) {
        args[i] = 1234567890123L + i;
      } else if (t == int.class) {
        args[i] = 25;
      } else if (t == boolean.class) {
        args[i] = i % 2 == 0;
      } else if (t == String.class) {
        args[i] = nullToken ? null : "page/2 +&=";
      } else if (t == Wire.RunNowBody.class) {
        Wire.RunNowBody b = new Wire.RunNowBody();
        b.jobId = 42;
        b.idempotencyToken = "t";
        b.jobParameters = Map.of("k", "v é");
        b.queue = new Wire.QueueSettings(true);
        args[i] = b;
      } else if (t == Wire.SubmitRunBody.class) {
        Wire.SubmitRunBody b = new Wire.SubmitRunBody();
        b.runName = "one";
        b.tasks = List.of(new Wire.SubmitTask());
        args[i] = b;
      } else if (t == Wire.RunIdBody.class) {
        args[i] = new Wire.RunIdBody(7);
      } else if (t == Wire.CancelAllBody.class) {
        args[i] = new Wire.CancelAllBody(8, true);
      } else {
        throw new AssertionError("add a sample argument of " + t + " for " + m);
      }
    }
    return args;
  }

  private static String body(Request r) throws Exception {
    if (r.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    r.body().writeTo(buffer);
    return buffer.readUtf8();
  }
}
