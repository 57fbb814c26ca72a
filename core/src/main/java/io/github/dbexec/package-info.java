@NullMarked
package io.github.dbexec;

import org.jspecify.annotations.NullMarked;
