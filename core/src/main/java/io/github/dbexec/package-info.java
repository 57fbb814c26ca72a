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
 *
 * <h2>Logging</h2>
 *
 * <p>dbexec logs through SLF4J on these logger names, which are stable (the classes behind them are not). At INFO it
 * is silent while all goes well; messages never hold a secret.
 *
 * <table>
 *   <caption>Logger names</caption>
 *   <tr><th>logger</th><th>DEBUG</th><th>WARN</th></tr>
 *   <tr><td>{@code io.github.dbexec.submission}</td><td>one line per submission: job, run id, queue outcome,
 *       attempts</td><td>a submission finally failed (after its retries): job, attempts, the error</td></tr>
 *   <tr><td>{@code io.github.dbexec.retry}</td><td>each retry: request, attempt, cause
 *       ({@link io.github.dbexec.FailureCause}), error, delay; giving up at the retry deadline</td><td></td></tr>
 *   <tr><td>{@code io.github.dbexec.wait}</td><td>a transient failure while polling</td><td>a wait gave up: its
 *       timeout passed (and whether the run was cancelled), or an error ended it</td></tr>
 *   <tr><td>{@code io.github.dbexec.queue}</td><td>a queue report's look-up failed (the report says less)</td>
 *       <td></td></tr>
 *   <tr><td>{@code io.github.dbexec.events}</td><td></td><td>an event sink threw; that sink did not record the
 *       event</td></tr>
 *   <tr><td>{@code io.github.dbexec.listener}</td><td></td><td>an {@link io.github.dbexec.ExecutorListener} or its
 *       factory threw; ignored</td></tr>
 *   <tr><td>{@code io.github.dbexec.http}</td><td>each HTTP exchange: endpoint, status, milliseconds (never a
 *       query, header or body)</td><td></td></tr>
 * </table>
 *
 * <p>To see one line per submission, set {@code io.github.dbexec.submission} to DEBUG; to see retries as they
 * happen, {@code io.github.dbexec.retry}. For metrics and traces rather than lines, use an
 * {@link io.github.dbexec.ExecutorListener}.
 */
@NullMarked
package io.github.dbexec;

import org.jspecify.annotations.NullMarked;
