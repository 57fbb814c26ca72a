package io.github.dbexec.testkit.internal;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An immutable fault rule.
 *
 * @param method the HTTP method to match ("*" = any)
 * @param pathSuffix the endpoint or path suffix to match ("" = any)
 * @param times how many matching requests it fires on; -1 = always
 * @param probability chance of firing on a matching request (1.0 = always), drawn from a Random seeded with
 *     {@code seed}
 * @param seed the seed for {@code probability}
 * @param skipFirst matching requests let through before the rule starts firing
 * @param bodyPredicate a predicate on the request body
 * @param action what it does
 * @param status the HTTP status for RESPOND_ERROR / EMPTY_BODY
 * @param errorCode the {@code error_code} for RESPOND_ERROR
 * @param message the {@code message} for RESPOND_ERROR / RATE_LIMITED
 * @param millis Retry-After (RATE_LIMITED) or delay (DELAY), ms
 * @param headers headers added to the response
 */
public record FaultSpec(String method, String pathSuffix, int times, double probability, long seed,
    int skipFirst, Predicate<String> bodyPredicate, FaultAction action, int status, String errorCode,
    String message, long millis, Map<String, String> headers) {

  public FaultSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathSuffix, "pathSuffix");
    Objects.requireNonNull(bodyPredicate, "bodyPredicate");
    Objects.requireNonNull(action, "action");
    headers = Map.copyOf(headers);
  }
}
