@NullMarked
package io.github.dbexec.testkit;

import org.jspecify.annotations.NullMarked;
