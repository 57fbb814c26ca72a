package io.github.dbexec.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Small statistics helpers for the drivers: means with a 95% confidence half-width, percentiles. */
final class Stats {
  // two-sided 95% Student t quantiles for 1..10 degrees of freedom
  private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

  private Stats() {}

  static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  /** Half-width of the 95% confidence interval of the mean (0 for fewer than two values). */
  static double error95(double[] xs) {
    int n = xs.length;
    if (n < 2) {
      return 0;
    }
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
    return t * sd / Math.sqrt(n);
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The value at {@code q} (0..1) of sorted {@code nanos}, nearest rank, in microseconds. */
  static double percentileMicros(long[] sortedNanos, double q) {
    int rank = (int) Math.ceil(q * sortedNanos.length);
    int index = Math.min(sortedNanos.length - 1, Math.max(0, rank - 1));
    return sortedNanos[index] / 1_000.0;
  }

  static String fmt(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String meanError(double[] xs, int decimals) {
    return fmt(mean(xs), decimals) + " ± " + fmt(error95(xs), decimals);
  }
}
