package io.github.dbexec.benchmarks;

/**
 * Cold start, raw OkHttp: a new JVM whose classpath is this module's classes and OkHttp's runtime closure only.
 * Arguments: {@code HOST TOKEN JOB_ID}. Prints {@code run_id=N} once the run is submitted.
 */
public final class ColdStartOkHttp {
  private ColdStartOkHttp() {}

  public static void main(String[] args) {
    try (RawOkHttpRunNow client = new RawOkHttpRunNow(args[0], args[1], Long.parseLong(args[2]))) {
      System.out.println("run_id=" + client.runNow("cold-okhttp-" + System.nanoTime()));
      ColdStartDriver.printCpuTime();
    }
  }
}
