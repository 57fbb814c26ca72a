/**
 * A fake Databricks Jobs server (Jobs API 2.1 and 2.2) for tests of any Jobs API client: start a
 * {@link io.github.dbexec.testkit.FakeJobsServer} in a test (or with the JUnit 5
 * {@link io.github.dbexec.testkit.FakeJobsServerTest} annotation), point the client at its URL, drive time with
 * its {@link io.github.dbexec.testkit.FakeClock}, script run outcomes with
 * {@link io.github.dbexec.testkit.RunScript}, inject faults with {@link io.github.dbexec.testkit.FaultRule}, and
 * assert what the server received through its {@link io.github.dbexec.testkit.RequestJournal}.
 *
 * <p>Everything here may be absent only where marked {@code @Nullable}. The same server runs standalone
 * ({@link io.github.dbexec.testkit.FakeJobsServerMain}) for clients in other languages.
 */
@NullMarked
package io.github.dbexec.testkit;

import org.jspecify.annotations.NullMarked;
