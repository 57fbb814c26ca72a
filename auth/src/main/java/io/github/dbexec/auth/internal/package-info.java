/** Implementation details of {@code io.github.dbexec.auth}; no compatibility promise, not for direct use. */
@NullMarked
package io.github.dbexec.auth.internal;

import org.jspecify.annotations.NullMarked;
