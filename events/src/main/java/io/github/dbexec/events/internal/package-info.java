/**
 * Implementation details of {@code io.github.dbexec.events}: JSON reading and writing, field access,
 * formatting. No compatibility promise; not part of the documented API.
 */
@NullMarked
package io.github.dbexec.events.internal;

import org.jspecify.annotations.NullMarked;
