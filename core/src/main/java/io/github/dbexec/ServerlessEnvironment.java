package io.github.dbexec;

import java.util.List;
import java.util.Objects;

/**
 * A serverless environment of a one-time run: one element of {@code environments}, which tasks name by its key
 * ({@link SubmitTask.Builder#environment(String)}) to run on serverless compute with these dependencies instead of
 * on a cluster. Immutable and thread-safe.
 *
 * <pre>{@code
 * ServerlessEnvironment.of("default", "2", List.of("pandas==2.2.3", "/Volumes/main/default/wheels/etl-1.0-py3-none-any.whl"))
 * // {"environment_key": "default", "spec": {"environment_version": "2", "dependencies": [...]}}
 * }</pre>
 *
 * @param environmentKey {@code environment_key}, unique within the run; 1 to 100 letters, digits, {@code -} or
 *     {@code _}
 * @param environmentVersion {@code spec.environment_version}, the serverless environment version (e.g.
 *     {@code "2"}); the field that replaced the deprecated {@code spec.client}
 * @param dependencies {@code spec.dependencies}: pip requirement lines (a package specification, a wheel's path, or
 *     an option such as {@code -r /Workspace/requirements.txt}); may be empty
 */
public record ServerlessEnvironment(String environmentKey, String environmentVersion, List<String> dependencies) {
  /**
   * Checks the key and version and copies the dependencies.
   *
   * @param environmentKey {@code environment_key}, unique within the run; 1 to 100 letters, digits, {@code -} or
   *     {@code _}
   * @param environmentVersion {@code spec.environment_version}, the serverless environment version (e.g.
   *     {@code "2"}); the field that replaced the deprecated {@code spec.client}
   * @param dependencies {@code spec.dependencies}: pip requirement lines (a package specification, a wheel's path, or
   *     an option such as {@code -r /Workspace/requirements.txt}); may be empty
   * @throws InvalidRequestException for a missing or malformed key ({@code environment_key})
   * @throws IllegalArgumentException for a blank version or a blank dependency
   */
  public ServerlessEnvironment {
    SubmitTask.checkKey("environment_key", environmentKey);
    Objects.requireNonNull(environmentVersion, "environmentVersion");
    if (environmentVersion.isBlank()) {
      throw new IllegalArgumentException("environmentVersion must not be blank");
    }
    dependencies = List.copyOf(Objects.requireNonNull(dependencies, "dependencies"));
    for (String d : dependencies) {
      if (d.isBlank()) {
        throw new IllegalArgumentException("environment '" + environmentKey + "' has a blank dependency");
      }
    }
  }

  /**
   * An environment; see the record's parameters.
   * @param environmentKey {@code environment_key}, unique within the run; 1 to 100 letters, digits, {@code -} or
   *     {@code _}
   * @param environmentVersion {@code spec.environment_version}, the serverless environment version (e.g. {@code "2"});
   *     the field that replaced the deprecated {@code spec.client}
   * @param dependencies {@code spec.dependencies}: pip requirement lines (a package specification, a wheel's path, or
   *     an option such as {@code -r /Workspace/requirements.txt}); may be empty
   * @return the environment
   */
  public static ServerlessEnvironment of(String environmentKey, String environmentVersion, List<String> dependencies) {
    return new ServerlessEnvironment(environmentKey, environmentVersion, dependencies);
  }
}
