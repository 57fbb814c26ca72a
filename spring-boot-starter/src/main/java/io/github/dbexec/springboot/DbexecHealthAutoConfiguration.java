package io.github.dbexec.springboot;

import io.github.dbexec.springboot.internal.ResolvedWorkspace;
import io.github.dbexec.springboot.internal.WorkspaceProbe;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The actuator health indicator {@code dbexec} (see {@link DbexecHealthIndicator}) for the auto-configured executor's
 * workspace, when Spring Boot's health support is present; {@code management.health.dbexec.enabled=false} turns it
 * off. Spring Boot 4's health API only: on Spring Boot 3.5 the executor is configured and this is skipped.
 */
@AutoConfiguration(after = DbexecAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ResolvedWorkspace.class)
@ConditionalOnEnabledHealthIndicator("dbexec")
public final class DbexecHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "dbexecHealthIndicator")
  HealthIndicator dbexecHealthIndicator(ResolvedWorkspace dbexecWorkspace, DbexecProperties properties) {
    return new DbexecHealthIndicator(new WorkspaceProbe(dbexecWorkspace, properties.getHealth().getTimeout()),
        properties.getHealth().getCacheTtl());
  }
}
