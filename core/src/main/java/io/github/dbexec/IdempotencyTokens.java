package io.github.dbexec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * How dbexec turns a caller's idempotency key into the Jobs API's {@code idempotency_token}.
 *
 * <p>The derivation is deterministic and documented so that another process, another instance of the
 * application, or a program in another language reproduces the same token for the same trigger — and so reuses
 * the same run instead of starting a second one:
 *
 * <pre>
 * token = lowercase hex( SHA-256( UTF-8( "dbexec:v1:" + kind + ":" + namespace + ":" + key ) ) )
 * </pre>
 *
 * where {@code kind} is {@code run-now} or {@code runs-submit}, and {@code namespace} is the decimal job id for
 * run-now and the empty string for runs/submit. The result is always 64 characters, the API's maximum. For example,
 * job 11223344 and key {@code file-closed:/data/in/part-0001.parquet} hash the string
 * {@code dbexec:v1:run-now:11223344:file-closed:/data/in/part-0001.parquet}. Namespacing by job and kind keeps
 * the same key for two different jobs from colliding.
 *
 * <p>Without a key, dbexec makes one {@linkplain #random() random token} per logical submission and reuses it across
 * that submission's retries. Databricks keeps a token reserved for as long as its run exists; a token whose run was
 * deleted is rejected.
 */
public final class IdempotencyTokens {
  /** The Jobs API's maximum {@code idempotency_token} length, in characters. */
  public static final int MAX_LENGTH = 64;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  // looked up once; each derivation clones it (cheaper than getInstance on every submission)
  private static final MessageDigest SHA_256 = sha256();

  private static final byte[] PREFIX = "dbexec:v1:".getBytes(StandardCharsets.UTF_8);

  private IdempotencyTokens() {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must support SHA-256", e);
    }
  }

  /**
   * The token for a run-now of {@code jobId} triggered by {@code key}.
   *
   * @param jobId the job's {@code job_id}, &gt; 0
   * @param key the caller's idempotency key (an event id, a file path, a Kafka offset); any non-empty string
   * @return 64 lowercase hex characters
   * @throws InvalidRequestException if the job id is not positive or the key is empty
   */
  public static String forRunNow(long jobId, String key) {
    if (jobId <= 0) {
      throw new InvalidRequestException("job_id", "job_id must be > 0, was " + jobId);
    }
    return derive("run-now", Long.toString(jobId), key);
  }

  /**
   * The token for a one-time run (runs/submit) triggered by {@code key}.
   *
   * @param key the caller's idempotency key; any non-empty string
   * @return 64 lowercase hex characters
   * @throws InvalidRequestException if the key is empty
   */
  public static String forSubmit(String key) {
    return derive("runs-submit", "", key);
  }

  /** {@return a fresh random token (a version 4 UUID, 36 characters), for a submission the caller gave no key for} */
  public static String random() {
    return UUID.randomUUID().toString();
  }

  private static String derive(String kind, String namespace, String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new InvalidRequestException("idempotency_key", "idempotency_key must not be empty");
    }
    MessageDigest sha;
    try {
      sha = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      sha = sha256();
    }
    sha.update(PREFIX);
    sha.update(kind.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) ':');
    sha.update(namespace.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) ':');
    byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }
}
