/**
 * Runnable, tested scenarios that show dbexec in use, from Java ({@code QuickStart}), Kotlin
 * ({@code KotlinQuickStart}) and Scala ({@code ScalaQuickStart}); never published.
 */
@NullMarked
package io.github.dbexec.examples;

import org.jspecify.annotations.NullMarked;
