/** Compatibility proof: the official Databricks SDK for Java driven against the fake Jobs server. */
@NullMarked
package io.github.dbexec.testkit.sdk;

import org.jspecify.annotations.NullMarked;
