/**
 * Spring Boot auto-configuration for dbexec: one shared {@link io.github.dbexec.DatabricksExecutor} from
 * {@code dbexec.*} properties ({@link io.github.dbexec.springboot.DbexecProperties}), Micrometer observations when
 * the application has an {@code ObservationRegistry}, and an actuator health indicator named {@code dbexec}.
 */
@NullMarked
package io.github.dbexec.springboot;

import org.jspecify.annotations.NullMarked;
