package io.github.dbexec;

import java.util.Collections;
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
 *
 * <p>The canonical constructor throws {@code IllegalArgumentException} naming the builder setting that is missing
 * or out of range.
 *
 * @param sparkVersion {@code spark_version}, e.g. {@code 15.4.x-scala2.12}
 * @param nodeTypeId {@code node_type_id}, e.g. {@code i3.xlarge}
 * @param numWorkers {@code num_workers}, &ge; 0: a fixed size; null for an autoscale range
 * @param minWorkers {@code autoscale.min_workers}; null for a fixed size
 * @param maxWorkers {@code autoscale.max_workers}, &ge; min; null for a fixed size
 * @param sparkConf {@code spark_conf}
 */
public record NewCluster(
    String sparkVersion,
    String nodeTypeId,
    @Nullable Integer numWorkers,
    @Nullable Integer minWorkers,
    @Nullable Integer maxWorkers,
    Map<String, String> sparkConf) {
  /**
   * Checks the settings and copies the Spark configuration.
   * @param sparkVersion {@code spark_version}, e.g. {@code 15.4.x-scala2.12}
   * @param nodeTypeId {@code node_type_id}, e.g. {@code i3.xlarge}
   * @param numWorkers {@code num_workers}, &ge; 0: a fixed size; null for an autoscale range
   * @param minWorkers {@code autoscale.min_workers}; null for a fixed size
   * @param maxWorkers {@code autoscale.max_workers}, &ge; min; null for a fixed size
   * @param sparkConf {@code spark_conf}
   */
  public NewCluster {
    if (sparkVersion == null || sparkVersion.isBlank()) {
      throw new IllegalArgumentException("sparkVersion is required for a new cluster");
    }
    if (nodeTypeId == null || nodeTypeId.isBlank()) {
      throw new IllegalArgumentException("nodeTypeId is required for a new cluster");
    }
    if (numWorkers == null && (minWorkers == null || maxWorkers == null)) {
      throw new IllegalArgumentException("numWorkers or autoscale(min, max) is required for a new cluster");
    }
    if (numWorkers != null && numWorkers < 0) {
      throw new IllegalArgumentException("numWorkers must be >= 0, was " + numWorkers);
    }
    if (numWorkers == null && (minWorkers < 0 || maxWorkers < minWorkers)) {
      throw new IllegalArgumentException(
          "autoscale needs 0 <= min <= max, was " + minWorkers + ".." + maxWorkers);
    }
    sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(sparkConf, "sparkConf")));
  }

  /** {@return a new builder; mutable, not thread-safe} */
  public static Builder builder() {
    return new Builder();
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

    /**
     * {@code spark_version}; required.
     * @param sparkVersion the Databricks Runtime version key, e.g. {@code 15.4.x-scala2.12}
     * @return this builder
     */
    public Builder sparkVersion(String sparkVersion) {
      this.sparkVersion = Objects.requireNonNull(sparkVersion, "sparkVersion");
      return this;
    }

    /**
     * {@code node_type_id}; required.
     * @param nodeTypeId the node type, e.g. {@code i3.xlarge} or {@code Standard_DS3_v2}
     * @return this builder
     */
    public Builder nodeTypeId(String nodeTypeId) {
      this.nodeTypeId = Objects.requireNonNull(nodeTypeId, "nodeTypeId");
      return this;
    }

    /**
     * {@code num_workers}, ≥ 0: a fixed size. Replaces an autoscale range.
     * @param numWorkers the number of workers, &ge; 0 (0 is a single-node cluster)
     * @return this builder
     */
    public Builder numWorkers(int numWorkers) {
      this.numWorkers = numWorkers;
      this.minWorkers = null;
      this.maxWorkers = null;
      return this;
    }

    /**
     * {@code autoscale {min_workers, max_workers}}. Replaces a fixed size.
     * @param minWorkers the fewest workers, &ge; 0
     * @param maxWorkers the most workers, at least {@code minWorkers}
     * @return this builder
     */
    public Builder autoscale(int minWorkers, int maxWorkers) {
      this.minWorkers = minWorkers;
      this.maxWorkers = maxWorkers;
      this.numWorkers = null;
      return this;
    }

    /**
     * Adds one {@code spark_conf} entry.
     * @param key the Spark configuration key, e.g. {@code spark.sql.shuffle.partitions}
     * @param value its value
     * @return this builder
     */
    public Builder sparkConf(String key, String value) {
      sparkConf.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The cluster spec.
     *
     * @return the cluster spec
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public NewCluster build() {
      return new NewCluster(sparkVersion, nodeTypeId, numWorkers, minWorkers, maxWorkers, sparkConf);
    }
  }
}
