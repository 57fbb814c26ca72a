package io.github.dbexec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A new job cluster for a one-time run ({@code new_cluster}): Spark version, node type, and a fixed size or an
 * autoscale range. Immutable and thread-safe.
 *
 * <pre>{@code
 * NewCluster.builder().sparkVersion("15.4.x-scala2.12").nodeTypeId("i3.xlarge").numWorkers(2).build()
 * }</pre>
 */
public final class NewCluster {
  private final String sparkVersion;
  private final String nodeTypeId;
  private final @Nullable Integer numWorkers;
  private final @Nullable Integer minWorkers;
  private final @Nullable Integer maxWorkers;
  private final Map<String, String> sparkConf;

  private NewCluster(Builder b, String sparkVersion, String nodeTypeId) {
    this.sparkVersion = sparkVersion;
    this.nodeTypeId = nodeTypeId;
    this.numWorkers = b.numWorkers;
    this.minWorkers = b.minWorkers;
    this.maxWorkers = b.maxWorkers;
    this.sparkConf = Map.copyOf(b.sparkConf);
  }

  /** A new builder. Mutable, not thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code spark_version}, e.g. {@code 15.4.x-scala2.12}. */
  public String sparkVersion() {
    return sparkVersion;
  }

  /** {@code node_type_id}, e.g. {@code i3.xlarge}. */
  public String nodeTypeId() {
    return nodeTypeId;
  }

  Map<String, Object> toWire() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spark_version", sparkVersion);
    m.put("node_type_id", nodeTypeId);
    if (numWorkers != null) {
      m.put("num_workers", numWorkers);
    } else {
      m.put("autoscale", Map.of("min_workers", minWorkers, "max_workers", maxWorkers));
    }
    if (!sparkConf.isEmpty()) {
      m.put("spark_conf", sparkConf);
    }
    return m;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NewCluster && ((NewCluster) o).toWire().equals(toWire());
  }

  @Override
  public int hashCode() {
    return toWire().hashCode();
  }

  @Override
  public String toString() {
    return "NewCluster" + toWire();
  }

  /** Builds a {@link NewCluster}; {@link #build()} validates. Mutable, not thread-safe. */
  public static final class Builder {
    private @Nullable String sparkVersion;
    private @Nullable String nodeTypeId;
    private @Nullable Integer numWorkers;
    private @Nullable Integer minWorkers;
    private @Nullable Integer maxWorkers;
    private final Map<String, String> sparkConf = new LinkedHashMap<>();

    private Builder() {}

    /** {@code spark_version}; required. */
    public Builder sparkVersion(String sparkVersion) {
      this.sparkVersion = Objects.requireNonNull(sparkVersion, "sparkVersion");
      return this;
    }

    /** {@code node_type_id}; required. */
    public Builder nodeTypeId(String nodeTypeId) {
      this.nodeTypeId = Objects.requireNonNull(nodeTypeId, "nodeTypeId");
      return this;
    }

    /** {@code num_workers}, ≥ 0: a fixed size. Replaces an autoscale range. */
    public Builder numWorkers(int numWorkers) {
      this.numWorkers = numWorkers;
      this.minWorkers = null;
      this.maxWorkers = null;
      return this;
    }

    /** {@code autoscale {min_workers, max_workers}}. Replaces a fixed size. */
    public Builder autoscale(int minWorkers, int maxWorkers) {
      this.minWorkers = minWorkers;
      this.maxWorkers = maxWorkers;
      this.numWorkers = null;
      return this;
    }

    /** Adds one {@code spark_conf} entry. */
    public Builder sparkConf(String key, String value) {
      sparkConf.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The cluster spec.
     *
     * @throws InvalidRequestException naming the field when one is missing or out of range
     */
    public NewCluster build() {
      if (sparkVersion == null || sparkVersion.isBlank()) {
        throw new InvalidRequestException("spark_version", "spark_version is required for a new cluster");
      }
      if (nodeTypeId == null || nodeTypeId.isBlank()) {
        throw new InvalidRequestException("node_type_id", "node_type_id is required for a new cluster");
      }
      if (numWorkers == null && minWorkers == null) {
        throw new InvalidRequestException("num_workers", "num_workers or autoscale(min, max) is required");
      }
      if (numWorkers != null && numWorkers < 0) {
        throw new InvalidRequestException("num_workers", "num_workers must be >= 0, was " + numWorkers);
      }
      if (minWorkers != null && (minWorkers < 0 || maxWorkers < minWorkers)) {
        throw new InvalidRequestException("autoscale",
            "autoscale needs 0 <= min_workers <= max_workers, was " + minWorkers + ".." + maxWorkers);
      }
      return new NewCluster(this, sparkVersion, nodeTypeId);
    }
  }
}
