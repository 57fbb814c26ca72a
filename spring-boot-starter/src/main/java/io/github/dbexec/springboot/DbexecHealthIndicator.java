package io.github.dbexec.springboot;

import io.github.dbexec.springboot.internal.WorkspaceProbe;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the auto-configured executor's workspace, as actuator's {@code dbexec} component: UP when the workspace
 * answers {@code jobs/list?limit=1} with the configured credentials, DOWN when it refuses them (401, 403), answers
 * with another error, or cannot be reached. One answer is reused for {@code dbexec.health.cache-ttl}, so frequent
 * health probes do not each call the workspace. Details: host, auth type, HTTP status, the workspace's error code
 * and message — never a credential.
 */
final class DbexecHealthIndicator implements HealthIndicator, DisposableBean {
  private final WorkspaceProbe probe;
  private final long cacheNanos;
  private @Nullable Health cached;
  private long cachedAt;

  DbexecHealthIndicator(WorkspaceProbe probe, Duration cacheTtl) {
    this.probe = probe;
    this.cacheNanos = cacheTtl.toNanos();
  }

  @Override
  public synchronized Health health() {
    long now = System.nanoTime();
    if (cached != null && now - cachedAt < cacheNanos) {
      return cached;
    }
    WorkspaceProbe.Result result = probe.check();
    Health health = (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
    cached = health;
    cachedAt = now;
    return health;
  }

  @Override
  public void destroy() {
    probe.close();
  }
}
