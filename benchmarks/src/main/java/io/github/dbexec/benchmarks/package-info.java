/**
 * Benchmarks of {@code DatabricksExecutor} against the floor (raw OkHttp posting the same JSON) and the official
 * Databricks SDK for Java, all against the same {@code FakeJobsServer}: a JMH benchmark ({@link RunNowBenchmark}),
 * a load driver ({@link LoadDriver}), a cold-start driver ({@link ColdStartDriver}), the runtime dependency closure
 * of each client ({@link DependencyClosure}) and the large chaos run ({@link ChaosRun}). Never published; see
 * {@code docs/BENCHMARKS.md} for the commands and the results.
 */
@NullMarked
package io.github.dbexec.benchmarks;

import org.jspecify.annotations.NullMarked;
