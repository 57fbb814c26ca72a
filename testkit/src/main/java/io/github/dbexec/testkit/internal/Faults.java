package io.github.dbexec.testkit.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The active fault rules, in the order added. For each request the first rule that matches (method, path,
 * body, past its skip count) and decides to fire is consumed; rules whose count is used up are removed.
 * Thread-safe.
 */
public final class Faults {
  private final List<Armed> rules = new ArrayList<>();

  private static final class Armed {
    final FaultSpec spec;
    final Random random;
    int remaining;
    int skipsLeft;

    Armed(FaultSpec spec) {
      this.spec = spec;
      this.random = new Random(spec.seed());
      this.remaining = spec.times();
      this.skipsLeft = spec.skipFirst();
    }
  }

  public synchronized void add(FaultSpec spec) {
    rules.add(new Armed(spec));
  }

  public synchronized void clear() {
    rules.clear();
  }

  public synchronized int size() {
    return rules.size();
  }

  /** The fault to apply to this request, or null; consumes one firing of the rule. */
  public synchronized @Nullable FaultSpec fire(JournalEntry request) {
    Iterator<Armed> it = rules.iterator();
    while (it.hasNext()) {
      Armed rule = it.next();
      FaultSpec spec = rule.spec;
      if (!request.matches(spec.method(), spec.pathSuffix()) || !spec.bodyPredicate().test(request.body())) {
        continue;
      }
      if (rule.skipsLeft > 0) {
        rule.skipsLeft--;
        continue;
      }
      if (spec.probability() < 1.0 && rule.random.nextDouble() >= spec.probability()) {
        continue;
      }
      if (rule.remaining > 0) {
        rule.remaining--;
        if (rule.remaining == 0) {
          it.remove();
        }
      }
      return spec;
    }
    return null;
  }
}
