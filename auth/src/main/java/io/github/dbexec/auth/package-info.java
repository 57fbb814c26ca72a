@NullMarked
package io.github.dbexec.auth;

import org.jspecify.annotations.NullMarked;
