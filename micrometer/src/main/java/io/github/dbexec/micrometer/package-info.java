/**
 * Micrometer instrumentation for dbexec: {@link io.github.dbexec.micrometer.ObservationExecutorListenerFactory}
 * turns a {@link io.github.dbexec.DatabricksExecutor}'s listener callbacks into observations (timers and traces) for
 * submissions, HTTP attempts and waits, counters for retries and event delivery failures, and a gauge of submissions
 * in flight. Names and tags are listed by {@link io.github.dbexec.micrometer.DbexecObservationDocumentation}.
 */
@NullMarked
package io.github.dbexec.micrometer;

import org.jspecify.annotations.NullMarked;
