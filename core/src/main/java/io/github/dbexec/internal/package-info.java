/**
 * Implementation details of dbexec core: the Jobs API wire model, the Retrofit service, error mapping, retries.
 * No compatibility promise; not part of the public API.
 */
@NullMarked
package io.github.dbexec.internal;

import org.jspecify.annotations.NullMarked;
