/** Machinery of the dbexec Spring Boot starter; no compatibility promise. */
@NullMarked
package io.github.dbexec.springboot.internal;

import org.jspecify.annotations.NullMarked;
