package io.github.dbexec.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Request;
import retrofit2.Invocation;
import retrofit2.http.GET;
import retrofit2.http.POST;

/**
 * The label of a Jobs API request for messages, logs and listeners — {@code "POST jobs/run-now"} — taken from the
 * {@link JobsService} method that made it (Retrofit's {@link Invocation} tag), so that each endpoint is named once,
 * in its annotation.
 */
public final class Endpoints {
  private static final Map<Method, String> LABELS = new ConcurrentHashMap<>();

  private Endpoints() {}

  /** The label of {@code request}: the service method's HTTP method and relative path, e.g. {@code GET jobs/get}. */
  public static String label(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return request.method() + " " + request.url().encodedPath();
    }
    return LABELS.computeIfAbsent(invocation.method(), Endpoints::fromAnnotations);
  }

  private static String fromAnnotations(Method method) {
    for (Annotation a : method.getAnnotations()) {
      if (a instanceof GET) {
        return "GET " + ((GET) a).value();
      }
      if (a instanceof POST) {
        return "POST " + ((POST) a).value();
      }
    }
    return method.getName();
  }
}
