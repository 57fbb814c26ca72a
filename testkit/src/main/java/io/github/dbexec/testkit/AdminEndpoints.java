package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.AdminHandler;
import io.github.dbexec.testkit.internal.ApiException;
import io.github.dbexec.testkit.internal.ApiRequest;
import io.github.dbexec.testkit.internal.ApiResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The admin HTTP API under {@code /__fake/}, mirroring the Java API for clients outside the JVM (see
 * testkit/README.md). Admin requests need no token and are not journaled, faulted or rate limited: never
 * expose the fake beyond the local machine.
 */
final class AdminEndpoints implements AdminHandler {
  private final FakeJobsServer server;
  private final long defaultSeed;

  AdminEndpoints(FakeJobsServer server, long defaultSeed) {
    this.server = server;
    this.defaultSeed = defaultSeed;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    String route = request.method() + " " + request.endpoint();
    switch (route) {
      case "GET /health":
        return ApiResponse.ok(Map.of("status", "ok"));
      case "POST /reset":
        server.reset();
        return ApiResponse.ok(Map.of());
      case "GET /clock":
        return ApiResponse.ok(clock());
      case "POST /clock/advance":
        return advance(request);
      case "POST /faults":
        server.addFault(fault(request));
        return ApiResponse.ok(Map.of());
      case "POST /faults/clear":
        server.clearFaults();
        return ApiResponse.ok(Map.of());
      case "POST /rate-limits":
        server.addRateLimit(rateLimit(request));
        return ApiResponse.ok(Map.of());
      case "POST /rate-limits/clear":
        server.clearRateLimits();
        return ApiResponse.ok(Map.of());
      case "POST /scripts":
        return script(request);
      case "POST /scripts/clear":
        server.clearScripts();
        return ApiResponse.ok(Map.of());
      case "GET /state":
        return state(request);
      case "GET /journal":
        return ApiResponse.ok(journal());
      case "POST /journal/clear":
        server.journal().clear();
        return ApiResponse.ok(Map.of());
      default:
        throw new ApiException(404, "ENDPOINT_NOT_FOUND", "No admin API for '" + request.method() + " /__fake"
            + request.endpoint() + "'. See testkit/README.md.");
    }
  }

  /** {@code GET /__fake/state}: paged by runs, {@code limit} (default 1000, at most 10000) and {@code page_token}. */
  private ApiResponse state(ApiRequest request) {
    Long limit = request.optionalLong("limit");
    if (limit != null && (limit < 1 || limit > 10_000)) {
      throw ApiException.invalidParameter("limit must be between 1 and 10000, got " + limit);
    }
    try {
      return ApiResponse.ok(server.stateDump(request.optionalString("page_token"),
          limit == null ? 1000 : limit.intValue()));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter(e.getMessage());
    }
  }

  private Map<String, Object> clock() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("now_millis", server.clock().millis());
    body.put("now", server.clock().instant().toString());
    body.put("controllable", server.clock().isControllable());
    return body;
  }

  private ApiResponse advance(ApiRequest request) {
    Duration duration = duration(request, "millis", "duration");
    if (duration == null) {
      throw ApiException.invalidParameter("Missing required field: millis (or duration, e.g. \"2s\")");
    }
    if (!server.clock().isControllable()) {
      throw new ApiException(400, "INVALID_STATE",
          "The server runs on the system clock, which cannot be advanced; start it with --clock manual.");
    }
    if (duration.isNegative()) {
      throw ApiException.invalidParameter("The clock cannot go backwards: " + duration);
    }
    server.clock().advance(duration);
    return ApiResponse.ok(clock());
  }

  private static @Nullable Duration duration(ApiRequest request, String millisField, String textField) {
    Long millis = request.optionalLong(millisField);
    if (millis != null) {
      return Duration.ofMillis(millis);
    }
    String text = request.optionalString(textField);
    if (text == null) {
      return null;
    }
    try {
      return FakeJobsServerMain.duration(text, textField);
    } catch (FakeJobsServerMain.UsageException e) {
      throw ApiException.invalidParameter(e.getMessage());
    }
  }

  private FaultRule fault(ApiRequest request) {
    FaultRule.Builder builder = FaultRule.on(orDefault(request.optionalString("method"), "*"),
        orDefault(request.optionalString("path"), ""));
    try {
      Long times = request.optionalLong("times");
      if (Boolean.TRUE.equals(request.optionalBoolean("always"))) {
        builder.always();
      } else if (times != null) {
        builder.times(times.intValue());
      }
      Object probability = request.raw("probability");
      if (probability != null) {
        if (!(probability instanceof Number)) {
          throw ApiException.invalidParameter("Expected a number for 'probability'");
        }
        Long seed = request.optionalLong("seed");
        builder.probability(((Number) probability).doubleValue(), seed == null ? defaultSeed : seed);
      }
      Long after = request.optionalLong("after_matches");
      if (after != null) {
        builder.afterMatches(after.intValue());
      }
      String bodyContains = request.optionalString("body_contains");
      if (bodyContains != null) {
        builder.matchingBody(body -> body.contains(bodyContains));
      }
      Map<String, String> headers = request.optionalStringMap("headers");
      if (headers != null) {
        headers.forEach(builder::header);
      }
      String action = request.optionalString("action");
      if (action == null) {
        throw ApiException.invalidParameter("Missing required field: action");
      }
      Long status = request.optionalLong("status");
      switch (action.toLowerCase(Locale.ROOT)) {
        case "respond_error":
          builder.respondError(status == null ? 500 : status.intValue(),
              orDefault(request.optionalString("error_code"), "INTERNAL_ERROR"),
              orDefault(request.optionalString("message"), "Injected fault"));
          break;
        case "rate_limited":
          Duration retryAfter = duration(request, "retry_after_ms", "retry_after");
          builder.rateLimited(retryAfter == null ? Duration.ofSeconds(1) : retryAfter);
          break;
        case "drop_connection":
          builder.dropConnection();
          break;
        case "lose_response":
          builder.loseResponse();
          break;
        case "empty_body":
          builder.emptyBody(status == null ? 200 : status.intValue());
          break;
        case "truncated_body":
          builder.truncatedBody();
          break;
        case "no_response":
          builder.noResponse();
          break;
        case "disconnect_during_body":
          builder.disconnectDuringBody();
          break;
        case "delay":
          Duration delay = duration(request, "delay_ms", "delay");
          builder.delay(delay == null ? Duration.ofSeconds(1) : delay);
          break;
        default:
          throw ApiException.invalidParameter("Unknown action '" + action + "'; one of respond_error, "
              + "rate_limited, drop_connection, lose_response, empty_body, truncated_body, delay, no_response, "
              + "disconnect_during_body");
      }
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ApiException.invalidParameter(e.getMessage());
    }
  }

  private static RateLimit rateLimit(ApiRequest request) {
    RateLimit.Builder builder = RateLimit.on(orDefault(request.optionalString("method"), "*"),
        orDefault(request.optionalString("path"), ""));
    try {
      Object rate = request.raw("permits_per_second");
      if (rate != null) {
        if (!(rate instanceof Number)) {
          throw ApiException.invalidParameter("Expected a number for 'permits_per_second'");
        }
        builder.permitsPerSecond(((Number) rate).doubleValue());
      }
      Long burst = request.optionalLong("burst");
      if (burst != null) {
        builder.burst(burst.intValue());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter(e.getMessage());
    }
  }

  private ApiResponse script(ApiRequest request) {
    String outcome = orDefault(request.optionalString("outcome"), "SUCCESS").toUpperCase(Locale.ROOT);
    String message = orDefault(request.optionalString("message"), "");
    RunScript script;
    switch (outcome) {
      case "SUCCESS":
        script = message.isEmpty() ? RunScript.succeeding() : RunScript.succeedingWithOutput(message);
        break;
      case "FAILED":
        script = RunScript.failing(message);
        break;
      case "TIMEDOUT":
        script = RunScript.timingOut();
        break;
      case "CANCELED":
        script = RunScript.cancelled();
        break;
      case "INTERNAL_ERROR":
        script = RunScript.internalError(message);
        break;
      case "STUCK_IN_QUEUE":
        script = RunScript.stuckInQueue();
        break;
      case "FAILED_TASK":
        script = RunScript.failingTask(message);
        break;
      default:
        throw ApiException.invalidParameter("Unknown outcome '" + outcome + "'; one of SUCCESS, FAILED, "
            + "FAILED_TASK, TIMEDOUT, CANCELED, INTERNAL_ERROR, STUCK_IN_QUEUE");
    }
    Map<String, Object> tasks = request.optionalObject("tasks");
    if (tasks != null) {
      for (Map.Entry<String, Object> entry : tasks.entrySet()) {
        script = script.task(entry.getKey(), taskScript(entry.getKey(), entry.getValue()));
      }
    }
    try {
      Duration pending = duration(request, "pending_ms", "pending");
      Duration running = duration(request, "running_ms", "running");
      Duration terminating = duration(request, "terminating_ms", "terminating");
      if (pending != null) {
        script = script.pendingFor(pending);
      }
      if (running != null) {
        script = script.runningFor(running);
      }
      if (terminating != null) {
        script = script.terminatingFor(terminating);
      }
      Long runId = request.optionalLong("run_id");
      Long jobId = request.optionalLong("job_id");
      boolean nextRun = Boolean.TRUE.equals(request.optionalBoolean("next_run"));
      if (runId != null) {
        server.scriptRun(runId, script);
      } else if (nextRun && jobId != null) {
        server.scriptNextRun(jobId, script);
      } else if (nextRun) {
        server.scriptNextRun(script);
      } else if (jobId != null) {
        server.scriptJob(jobId, script);
      } else {
        throw ApiException.invalidParameter("Say what to script: run_id, job_id, next_run or job_id + next_run");
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter(e.getMessage());
    }
    return ApiResponse.ok(Map.of());
  }

  /** One entry of {@code tasks}: {@code {"outcome": "SUCCESS|FAILED|TIMEDOUT", "message": .., "running_ms": ..}}. */
  private static TaskScript taskScript(String key, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw ApiException.invalidParameter("Expected an object for tasks." + key);
    }
    Object outcome = map.get("outcome");
    Object message = map.get("message");
    String text = message instanceof String m ? m : "";
    TaskScript script = switch (outcome instanceof String o ? o.toUpperCase(Locale.ROOT) : "SUCCESS") {
      case "SUCCESS" -> text.isEmpty() ? TaskScript.succeeding() : TaskScript.succeedingWithOutput(text);
      case "FAILED" -> TaskScript.failing(text);
      case "TIMEDOUT" -> TaskScript.timingOut();
      default -> throw ApiException.invalidParameter("Unknown outcome '" + outcome + "' for tasks." + key
          + "; one of SUCCESS, FAILED, TIMEDOUT");
    };
    if (map.get("running_ms") instanceof Number running) {
      script = script.runningFor(Duration.ofMillis(running.longValue()));
    }
    return script;
  }

  private Map<String, Object> journal() {
    List<Object> requests = new ArrayList<>();
    for (RecordedApiRequest recorded : server.journal().all()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("sequence", recorded.sequenceNumber());
      entry.put("method", recorded.method());
      entry.put("path", recorded.path());
      entry.put("api_version", recorded.apiVersion());
      entry.put("query", recorded.queryParameters());
      Map<String, Object> headers = new LinkedHashMap<>();
      recorded.headerNames().stream().filter(name -> !name.startsWith(":")) // HTTP/2 pseudo-headers
          .forEach(name -> headers.put(name,
              name.equalsIgnoreCase("Authorization") ? redact(recorded.header(name)) : recorded.header(name)));
      entry.put("headers", headers);
      entry.put("body", recorded.body());
      entry.put("received_at_millis", recorded.receivedAtMillis());
      entry.put("response_code", recorded.responseCode());
      requests.add(entry);
    }
    return Map.of("requests", requests);
  }

  private static String redact(@Nullable String authorization) {
    if (authorization == null) {
      return "";
    }
    int space = authorization.indexOf(' ');
    return (space > 0 ? authorization.substring(0, space + 1) : "") + "<redacted>";
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }
}
