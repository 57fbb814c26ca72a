package io.github.dbexec.testkit.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable copy of one run as {@code runs/get} shows it, plus what the wire does not show.
 *
 * @param json the {@code runs/get} body (deeply unmodifiable)
 * @param idempotencyToken the token the run was created with, or null
 */
public record RunView(Map<String, Object> json, @Nullable String idempotencyToken) {}
