package io.github.dbexec.benchmarks;

import io.github.dbexec.QueueReporting;

/**
 * Cold start, dbexec: a new JVM whose classpath is this module's classes and dbexec-core's runtime closure only.
 * Arguments: {@code HOST TOKEN JOB_ID [off|default]} (queue reporting; default: the executor's default). Prints
 * {@code run_id=N} once the submission returned.
 */
public final class ColdStartDbexec {
  private ColdStartDbexec() {}

  public static void main(String[] args) {
    QueueReporting level = args.length > 3 && args[3].equals("off") ? QueueReporting.OFF : QueueReporting.JOB_SETTINGS;
    try (DbexecRunNow client = new DbexecRunNow(args[0], args[1], Long.parseLong(args[2]), level)) {
      System.out.println("run_id=" + client.runNow("cold-dbexec-" + System.nanoTime()));
      ColdStartDriver.printCpuTime();
    }
  }
}
