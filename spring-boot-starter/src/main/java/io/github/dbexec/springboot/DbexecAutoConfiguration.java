package io.github.dbexec.springboot;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.springboot.internal.ExecutorSettings;
import io.github.dbexec.springboot.internal.ResolvedWorkspace;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures one shared {@link DatabricksExecutor} from {@code dbexec.*} properties ({@link DbexecProperties}),
 * falling back to the Databricks environment and profile for the host and credentials. It is closed with the
 * application context. An {@link ExecutorListener.Factory} bean, such as the Micrometer one that
 * {@link DbexecObservationAutoConfiguration} provides, is given to it. A {@code DatabricksExecutor} bean of the
 * application's own replaces it (and the health indicator, which checks the auto-configured workspace).
 *
 * <p>Misconfiguration fails start-up naming the property, e.g. {@code dbexec.read-timeout} or
 * {@code dbexec.oauth.client-id}, and its value unless it is a secret.
 */
@AutoConfiguration(after = DbexecObservationAutoConfiguration.class)
@ConditionalOnClass(DatabricksExecutor.class)
@EnableConfigurationProperties(DbexecProperties.class)
public final class DbexecAutoConfiguration {

  /** The executor and the workspace it was built for, unless the application defines its own executor. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(DatabricksExecutor.class)
  static final class ExecutorConfiguration {

    @Bean
    ResolvedWorkspace dbexecWorkspace(DbexecProperties properties) {
      return ExecutorSettings.resolve(properties, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    @Bean(destroyMethod = "close")
    DatabricksExecutor databricksExecutor(DbexecProperties properties, ResolvedWorkspace dbexecWorkspace,
        ObjectProvider<ExecutorListener.Factory> listenerFactory) {
      return ExecutorSettings.build(properties, dbexecWorkspace, listenerFactory.getIfUnique());
    }
  }
}
