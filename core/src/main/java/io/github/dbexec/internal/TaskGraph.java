package io.github.dbexec.internal;

import io.github.dbexec.InvalidRequestException;
import io.github.dbexec.ServerlessEnvironment;
import io.github.dbexec.SubmitTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a one-time run that span its tasks, checked before anything is sent: unique task keys and environment
 * keys, every {@code depends_on} naming a task of the run, no cycle in {@code depends_on} (the error names the tasks
 * on it), every {@code environment_key} naming an environment of the run. Each rule throws
 * {@link InvalidRequestException} naming the field. Stateless.
 */
public final class TaskGraph {
  private TaskGraph() {}

  /** Checks {@code tasks} against each other and against {@code environments}. */
  public static void check(List<SubmitTask> tasks, List<ServerlessEnvironment> environments) {
    Set<String> environmentKeys = new LinkedHashSet<>();
    for (ServerlessEnvironment e : environments) {
      if (!environmentKeys.add(e.environmentKey())) {
        throw new InvalidRequestException("environment_key", "environments has environment_key '"
            + e.environmentKey() + "' twice; each environment needs its own key");
      }
    }
    Map<String, SubmitTask> byKey = new LinkedHashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      SubmitTask t = tasks.get(i);
      Integer previous = index.putIfAbsent(t.taskKey(), i);
      if (previous != null) {
        throw new InvalidRequestException("task_key", "task_key '" + t.taskKey() + "' is used by tasks[" + previous
            + "] and tasks[" + i + "]; each task needs its own key");
      }
      byKey.put(t.taskKey(), t);
    }
    for (SubmitTask t : tasks) {
      for (String d : t.dependsOn()) {
        if (!byKey.containsKey(d)) {
          throw new InvalidRequestException("depends_on", "task '" + t.taskKey() + "' depends on '" + d
              + "', which is not a task of this run (its tasks: " + String.join(", ", byKey.keySet()) + ")");
        }
      }
      if (t.environmentKey() != null && !environmentKeys.contains(t.environmentKey())) {
        throw new InvalidRequestException("environment_key", "task '" + t.taskKey() + "' names environment_key '"
            + t.environmentKey() + "', which is not an environment of this run ("
            + (environmentKeys.isEmpty() ? "it has none" : "its environments: " + String.join(", ", environmentKeys))
            + "); add it with environment(ServerlessEnvironment.of(\"" + t.environmentKey() + "\", ..))");
      }
    }
    Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
    for (String key : byKey.keySet()) {
      List<String> path = new ArrayList<>();
      visit(key, byKey, state, path);
    }
  }

  private static void visit(String key, Map<String, SubmitTask> byKey, Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(key);
    if (s != null && s == 2) {
      return;
    }
    if (s != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
      cycle.add(key);
      throw new InvalidRequestException("depends_on", "tasks depend on each other in a cycle: "
          + String.join(" -> ", cycle) + " (each depends on the next); depends_on must not form a cycle");
    }
    state.put(key, 1);
    path.add(key);
    for (String d : byKey.get(key).dependsOn()) {
      visit(d, byKey, state, path);
    }
    path.remove(path.size() - 1);
    state.put(key, 2);
  }
}
