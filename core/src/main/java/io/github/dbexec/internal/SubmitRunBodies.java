package io.github.dbexec.internal;

import io.github.dbexec.AccessControl;
import io.github.dbexec.GitSource;
import io.github.dbexec.HealthRule;
import io.github.dbexec.Library;
import io.github.dbexec.NewCluster;
import io.github.dbexec.Notifications;
import io.github.dbexec.OneTimeRunRequest;
import io.github.dbexec.RunAs;
import io.github.dbexec.ServerlessEnvironment;
import io.github.dbexec.SubmitTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /jobs/runs/submit} for a {@link OneTimeRunRequest}: the typed fields in the Jobs API's
 * names, each task's additional fields merged into that task and the run's into the body (JSON Merge Patch), then the
 * idempotency token, which nothing overrides. Built as a JSON tree and written by {@link JsonTrees}, so fields dbexec
 * does not model pass through unchanged. Stateless.
 */
public final class SubmitRunBodies {
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private SubmitRunBodies() {}

  /** The request body to send, with {@code token} as its {@code idempotency_token}. */
  public static RequestBody requestBody(OneTimeRunRequest r, String token) {
    return RequestBody.create(JsonTrees.toJson(body(r, token)).readByteString(), JSON);
  }

  /** The body as a JSON tree. */
  public static Map<String, Object> body(OneTimeRunRequest r, String token) {
    Map<String, Object> b = new LinkedHashMap<>();
    putIfPresent(b, "run_name", r.runName());
    if (r.timeout() != null) {
      b.put("timeout_seconds", r.timeout().toSeconds());
    }
    if (r.queueEnabled() != null) {
      b.put("queue", Map.of("enabled", r.queueEnabled()));
    }
    b.put("tasks", list(r.tasks(), SubmitRunBodies::task));
    if (!r.environments().isEmpty()) {
      b.put("environments", list(r.environments(), SubmitRunBodies::environment));
    }
    if (r.gitSource() != null) {
      GitSource g = r.gitSource();
      Map<String, Object> git = new LinkedHashMap<>();
      git.put("git_url", g.url());
      git.put("git_provider", g.provider().wireValue());
      git.put(g.referenceKind().field(), g.reference());
      b.put("git_source", git);
    }
    if (!r.healthRules().isEmpty()) {
      b.put("health", Map.of("rules", list(r.healthRules(), SubmitRunBodies::healthRule)));
    }
    if (r.emailNotifications() != null) {
      b.put("email_notifications", notifications(r.emailNotifications(), address -> address));
    }
    if (r.webhookNotifications() != null) {
      b.put("webhook_notifications", notifications(r.webhookNotifications(), id -> Map.of("id", id)));
    }
    if (r.runAs() != null) {
      RunAs a = r.runAs();
      b.put("run_as", a.userName() != null ? Map.of("user_name", a.userName())
          : Map.of("service_principal_name", a.servicePrincipalName()));
    }
    if (!r.accessControlList().isEmpty()) {
      b.put("access_control_list", list(r.accessControlList(), SubmitRunBodies::accessControl));
    }
    Map<String, Object> body = JsonTrees.merge(b, r.additionalFields());
    body.put("idempotency_token", token);
    return body;
  }

  private static Map<String, Object> task(SubmitTask t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task_key", t.taskKey());
    putIfPresent(m, "description", t.description());
    if (!t.dependsOn().isEmpty()) {
      m.put("depends_on", list(t.dependsOn(), key -> Map.of("task_key", key)));
    }
    if (t.runIf() != null) {
      m.put("run_if", t.runIf().wireValue());
    }
    if (t.taskType() != null) {
      m.put(t.taskType().field(), t.taskFields());
    }
    putIfPresent(m, "existing_cluster_id", t.existingClusterId());
    if (t.newCluster() != null) {
      m.put("new_cluster", newCluster(t.newCluster()));
    }
    putIfPresent(m, "environment_key", t.environmentKey());
    if (!t.libraries().isEmpty()) {
      m.put("libraries", list(t.libraries(), SubmitRunBodies::library));
    }
    if (t.timeout() != null) {
      m.put("timeout_seconds", t.timeout().toSeconds());
    }
    return JsonTrees.merge(m, t.additionalFields());
  }

  /** {@code new_cluster}: Spark version, node type, a fixed size or an autoscale range, Spark configuration. */
  static Map<String, Object> newCluster(NewCluster c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spark_version", c.sparkVersion());
    m.put("node_type_id", c.nodeTypeId());
    if (c.numWorkers() != null) {
      m.put("num_workers", c.numWorkers());
    } else {
      m.put("autoscale", Map.of("min_workers", c.minWorkers(), "max_workers", c.maxWorkers()));
    }
    if (!c.sparkConf().isEmpty()) {
      m.put("spark_conf", c.sparkConf());
    }
    return m;
  }

  private static Map<String, Object> library(Library l) {
    switch (l.kind()) {
      case PYPI:
      case MAVEN: {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(l.kind() == Library.Kind.PYPI ? "package" : "coordinates", l.value());
        putIfPresent(spec, "repo", l.repo());
        if (!l.exclusions().isEmpty()) {
          spec.put("exclusions", l.exclusions());
        }
        return Map.of(l.kind().field(), spec);
      }
      default:
        return Map.of(l.kind().field(), l.value());
    }
  }

  private static Map<String, Object> environment(ServerlessEnvironment e) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("environment_version", e.environmentVersion());
    if (!e.dependencies().isEmpty()) {
      spec.put("dependencies", e.dependencies());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment_key", e.environmentKey());
    m.put("spec", spec);
    return m;
  }

  private static Map<String, Object> healthRule(HealthRule h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", h.metric().name());
    m.put("op", "GREATER_THAN");
    m.put("value", h.value());
    return m;
  }

  private static Map<String, Object> notifications(Notifications n, Function<String, Object> recipient) {
    Map<String, Object> m = new LinkedHashMap<>();
    putList(m, "on_start", n.onStart(), recipient);
    putList(m, "on_success", n.onSuccess(), recipient);
    putList(m, "on_failure", n.onFailure(), recipient);
    putList(m, "on_duration_warning_threshold_exceeded", n.onDurationWarning(), recipient);
    putList(m, "on_streaming_backlog_exceeded", n.onStreamingBacklog(), recipient);
    return m;
  }

  private static Map<String, Object> accessControl(AccessControl a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(a.principalKind().field(), a.principal());
    m.put("permission_level", a.permissionLevel().name());
    return m;
  }

  private static void putList(Map<String, Object> m, String name, List<String> values,
      Function<String, Object> element) {
    if (!values.isEmpty()) {
      m.put(name, list(values, element));
    }
  }

  private static void putIfPresent(Map<String, Object> m, String name, @Nullable Object value) {
    if (value != null) {
      m.put(name, value);
    }
  }

  private static <T> List<Object> list(List<T> values, Function<? super T, ?> element) {
    List<Object> list = new ArrayList<>(values.size());
    for (T v : values) {
      list.add(element.apply(v));
    }
    return list;
  }
}
