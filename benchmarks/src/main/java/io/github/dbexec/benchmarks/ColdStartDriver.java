package io.github.dbexec.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cold start: launches a new JVM per measurement ({@code java -cp CLASSES:CLOSURE Main HOST TOKEN JOB_ID}) whose
 * classpath holds only one client's runtime closure, and times from {@link ProcessBuilder#start()} until the child
 * prints the run id of its first submission. The fake server runs here, in the driver's JVM, warm. Variants are
 * interleaved (okhttp, dbexec-off, dbexec-default, sdk, okhttp, ...) after one untimed launch each.
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *     io.github.dbexec.benchmarks.ColdStartDriver [--launches 20] [--closures benchmarks/closure] \
 *     [--clients okhttp,dbexec-off,dbexec-default,sdk]
 * </pre>
 */
public final class ColdStartDriver {
  private ColdStartDriver() {}

  /** One variant: a client, its closure and its main class. */
  record Variant(String label, String closure, String mainClass, List<String> extraArgs) {}

  static final List<Variant> VARIANTS = List.of(
      new Variant("okhttp", "okhttp", ColdStartOkHttp.class.getName(), List.of()),
      new Variant("dbexec-off", "dbexec", ColdStartDbexec.class.getName(), List.of("off")),
      new Variant("dbexec-default", "dbexec", ColdStartDbexec.class.getName(), List.of("default")),
      new Variant("sdk", "sdk", ColdStartSdk.class.getName(), List.of()));

  public static void main(String[] args) throws Exception {
    int launches = 20;
    Path closures = Path.of("benchmarks/closure");
    List<String> clients = VARIANTS.stream().map(Variant::label).toList();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--launches" -> launches = Integer.parseInt(args[i + 1]);
        case "--closures" -> closures = Path.of(args[i + 1]);
        case "--clients" -> clients = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("options: --launches N --closures DIR --clients okhttp,...");
      }
    }
    Map<String, double[]> millis = run(launches, closures, clients, System.out::println);
    System.out.println();
    System.out.println(report(millis));
  }

  /**
   * Runs {@code launches} timed launches of each variant; returns, per variant, the milliseconds until the run id
   * was printed and the CPU milliseconds used by then (the latter keyed {@code LABEL cpu}).
   */
  public static Map<String, double[]> run(int launches, Path closures, java.util.function.Consumer<String> progress)
      throws IOException, InterruptedException {
    return run(launches, closures, VARIANTS.stream().map(Variant::label).toList(), progress);
  }

  /** Like {@link #run(int, Path, java.util.function.Consumer)}, for the variants labelled {@code clients} only. */
  public static Map<String, double[]> run(int launches, Path closures, List<String> clients,
      java.util.function.Consumer<String> progress) throws IOException, InterruptedException {
    String classes = Path.of(ColdStartDriver.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .toString();
    Map<String, double[]> results = new LinkedHashMap<>();
    try (BenchServer server = BenchServer.start()) {
      Map<Variant, List<String>> commands = new LinkedHashMap<>();
      for (Variant v : VARIANTS) {
        if (!clients.contains(v.label())) {
          continue;
        }
        String cp = classes + File.pathSeparator + Closures.jars(closures, v.closure()).stream()
            .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", cp, v.mainClass(), server.url(),
            BenchServer.TOKEN, Long.toString(server.jobId())));
        command.addAll(v.extraArgs());
        commands.put(v, command);
        launchOnce(command); // untimed: warms the file cache and the server
        results.put(v.label(), new double[launches]);
        results.put(v.label() + " cpu", new double[launches]);
      }
      for (int i = 0; i < launches; i++) {
        for (Map.Entry<Variant, List<String>> e : commands.entrySet()) {
          Launch launch = launchOnce(e.getValue());
          results.get(e.getKey().label())[i] = launch.millis();
          results.get(e.getKey().label() + " cpu")[i] = launch.cpuMillis();
          progress.accept(String.format(java.util.Locale.ROOT, "launch %d %-14s %.1f ms, %.0f ms CPU", i + 1,
              e.getKey().label(), launch.millis(), launch.cpuMillis()));
        }
      }
    }
    return results;
  }

  /**
   * Prints {@code cpu_ms=N}, the CPU time this process has used; the cold-start mains call it after printing the run
   * id, so it costs nothing measured.
   */
  static void printCpuTime() {
    System.out.println("cpu_ms=" + ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis)
        .orElse(-1L));
  }

  /** One launch: milliseconds until the child printed {@code run_id=}, and the CPU milliseconds it had used. */
  record Launch(double millis, double cpuMillis) {}

  /** Milliseconds from process start until it printed {@code run_id=}. */
  static Launch launchOnce(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    long elapsed = -1;
    double cpu = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("run_id=") && elapsed < 0) {
          elapsed = System.nanoTime() - start;
        }
        if (line.startsWith("cpu_ms=")) {
          cpu = Double.parseDouble(line.substring("cpu_ms=".length()));
        }
        output.append(line).append('\n');
      }
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the child did not exit within 30 s: " + command);
    }
    if (elapsed < 0 || process.exitValue() != 0) {
      throw new IllegalStateException("the child exited " + process.exitValue() + " without a run id: " + output
          + " (" + String.join(" ", command.subList(3, command.size())) + ")");
    }
    return new Launch(elapsed / 1e6, cpu);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Markdown: per variant, wall-clock mean ± 95% half-width, median and minimum until the run id, and the CPU time
   * used by then; with the ratios of the means to raw OkHttp's.
   */
  public static String report(Map<String, double[]> millis) {
    StringBuilder sb = new StringBuilder("| client | mean ms | median ms | min ms | mean vs okhttp | CPU ms (mean) "
        + "| CPU vs okhttp |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    double base = Stats.mean(millis.get("okhttp"));
    double baseCpu = Stats.mean(millis.get("okhttp cpu"));
    for (Variant v : VARIANTS) {
      double[] xs = millis.get(v.label());
      double[] cpu = millis.get(v.label() + " cpu");
      if (xs == null) {
        continue;
      }
      double min = java.util.Arrays.stream(xs).min().orElse(0);
      sb.append("| ").append(v.label()).append(" | ").append(Stats.meanError(xs, 0)).append(" | ")
          .append(Stats.fmt(Stats.median(xs), 0)).append(" | ").append(Stats.fmt(min, 0)).append(" | ")
          .append(Stats.fmt(Stats.mean(xs) / base, 2)).append("x | ").append(Stats.meanError(cpu, 0)).append(" | ")
          .append(Stats.fmt(Stats.mean(cpu) / baseCpu, 2)).append("x |\n");
    }
    return sb.toString();
  }
}
