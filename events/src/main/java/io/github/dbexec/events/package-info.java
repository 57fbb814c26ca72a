@NullMarked
package io.github.dbexec.events;

import org.jspecify.annotations.NullMarked;
