/**
 * dbexec core: {@link io.github.dbexec.DatabricksExecutor} starts Databricks job runs ({@code run-now},
 * {@code runs/submit}) exactly once per trigger, reports what Databricks did with each (started, queued behind
 * {@code max_concurrent_runs}, skipped), retries what is safe to retry, and waits for completion when asked.
 *
 * <p>Everything here is non-null unless marked {@code @Nullable} (JSpecify): an absent value is {@code null}, which
 * Kotlin sees as {@code T?}.
 * Values and configurations are immutable and thread-safe; builders are mutable and are not.
 * Times are milliseconds since the epoch and durations milliseconds, as the Jobs API gives them. Implementation
 * details live in {@code io.github.dbexec.internal}, which has no compatibility promise.
 */
@NullMarked
package io.github.dbexec;

import org.jspecify.annotations.NullMarked;
