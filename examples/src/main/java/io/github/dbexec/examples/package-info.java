/** Runnable, tested scenarios that show dbexec in use; never published. */
package io.github.dbexec.examples;
