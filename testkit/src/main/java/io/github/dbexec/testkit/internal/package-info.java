/**
 * Implementation of the fake Databricks Jobs server: routing, the in-memory workspace model, the run
 * lifecycle engine, JSON writing, faults, the journal and authentication. No compatibility promise;
 * use the types in {@code io.github.dbexec.testkit} instead.
 */
@NullMarked
package io.github.dbexec.testkit.internal;

import org.jspecify.annotations.NullMarked;
