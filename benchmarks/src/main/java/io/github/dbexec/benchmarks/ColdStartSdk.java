package io.github.dbexec.benchmarks;

/**
 * Cold start, the official SDK: a new JVM whose classpath is this module's classes and the SDK's runtime closure
 * only. Arguments: {@code HOST TOKEN JOB_ID}. Prints {@code run_id=N} once the run is submitted.
 */
public final class ColdStartSdk {
  private ColdStartSdk() {}

  public static void main(String[] args) {
    try (SdkRunNow client = new SdkRunNow(args[0], args[1], Long.parseLong(args[2]))) {
      System.out.println("run_id=" + client.runNow("cold-sdk-" + System.nanoTime()));
      ColdStartDriver.printCpuTime();
    }
  }
}
