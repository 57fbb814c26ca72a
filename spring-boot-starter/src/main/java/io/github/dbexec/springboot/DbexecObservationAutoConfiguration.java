package io.github.dbexec.springboot;

import io.github.dbexec.ExecutorListener;
import io.github.dbexec.micrometer.ObservationExecutorListenerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Instruments the auto-configured executor with {@code dbexec-micrometer} when the application has it on the
 * class path and has an {@link ObservationRegistry} and a {@link MeterRegistry} (as Spring Boot's actuator
 * provides): observations {@code dbexec.submission}, {@code dbexec.http.attempt}, {@code dbexec.wait}, counter
 * {@code dbexec.retries}, gauge {@code dbexec.submissions.in.flight}. An {@link ExecutorListener.Factory} bean of the
 * application's own replaces it.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({ObservationExecutorListenerFactory.class, ObservationRegistry.class, MeterRegistry.class})
@ConditionalOnBean({ObservationRegistry.class, MeterRegistry.class})
public final class DbexecObservationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(ExecutorListener.Factory.class)
  ObservationExecutorListenerFactory dbexecObservationListenerFactory(ObservationRegistry observationRegistry,
      MeterRegistry meterRegistry) {
    return ObservationExecutorListenerFactory.of(observationRegistry, meterRegistry);
  }
}
