package io.github.dbexec;

import java.util.Objects;

/**
 * The remote Git repository the tasks of a one-time run take their source from ({@code git_source}): notebook,
 * Python file, SQL file and dbt tasks then read paths relative to the repository. Exactly one of a branch, a tag or
 * a commit is checked out. Immutable and thread-safe.
 *
 * <pre>{@code
 * GitSource.branch("https://github.com/acme/etl", GitSource.Provider.GITHUB, "main")
 * // {"git_url": "https://github.com/acme/etl", "git_provider": "gitHub", "git_branch": "main"}
 * }</pre>
 *
 * @param url {@code git_url}, the repository's URL
 * @param provider {@code git_provider}
 * @param reference the branch, tag or commit to check out
 * @param referenceKind which of {@code git_branch}, {@code git_tag} or {@code git_commit} {@code reference} is
 */
public record GitSource(String url, Provider provider, String reference, ReferenceKind referenceKind) {
  /** The Git hosting service ({@code git_provider}), with the Jobs API's spelling of each. */
  public enum Provider {
    /** {@code gitHub}. */
    GITHUB("gitHub"),
    /** {@code gitHubEnterprise}. */
    GITHUB_ENTERPRISE("gitHubEnterprise"),
    /** {@code bitbucketCloud}. */
    BITBUCKET_CLOUD("bitbucketCloud"),
    /** {@code bitbucketServer}. */
    BITBUCKET_SERVER("bitbucketServer"),
    /** {@code gitLab}. */
    GITLAB("gitLab"),
    /** {@code gitLabEnterpriseEdition}. */
    GITLAB_ENTERPRISE_EDITION("gitLabEnterpriseEdition"),
    /** {@code azureDevOpsServices}. */
    AZURE_DEVOPS_SERVICES("azureDevOpsServices"),
    /** {@code awsCodeCommit}. */
    AWS_CODE_COMMIT("awsCodeCommit");

    private final String wireValue;

    Provider(String wireValue) {
      this.wireValue = wireValue;
    }

    /** {@return the value the Jobs API takes, e.g. {@code gitHub}} */
    public String wireValue() {
      return wireValue;
    }
  }

  /** What {@link #reference()} names. */
  public enum ReferenceKind {
    /** {@code git_branch}. */
    BRANCH("git_branch"),
    /** {@code git_tag}. */
    TAG("git_tag"),
    /** {@code git_commit}. */
    COMMIT("git_commit");

    private final String field;

    ReferenceKind(String field) {
      this.field = field;
    }

    /** {@return the Jobs API field, e.g. {@code git_branch}} */
    public String field() {
      return field;
    }
  }

  /**
   * Checks that nothing is blank.
   *
   * @param url {@code git_url}, the repository's URL
   * @param provider {@code git_provider}
   * @param reference the branch, tag or commit to check out
   * @param referenceKind which of {@code git_branch}, {@code git_tag} or {@code git_commit} {@code reference} is
   * @throws IllegalArgumentException naming the blank field
   */
  public GitSource {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(referenceKind, "referenceKind");
    if (url.isBlank()) {
      throw new IllegalArgumentException("git_url must not be blank");
    }
    if (reference.isBlank()) {
      throw new IllegalArgumentException(referenceKind.field() + " must not be blank");
    }
  }

  /**
   * The head of {@code branch} ({@code git_branch}).
   * @param url {@code git_url}: the repository's URL, e.g. {@code https://github.com/example/etl}
   * @param provider {@code git_provider}: the hosting service
   * @param branch the branch name, e.g. {@code main}
   * @return the source at that branch
   */
  public static GitSource branch(String url, Provider provider, String branch) {
    return new GitSource(url, provider, branch, ReferenceKind.BRANCH);
  }

  /**
   * The commit {@code tag} points to ({@code git_tag}).
   * @param url {@code git_url}: the repository's URL, e.g. {@code https://github.com/example/etl}
   * @param provider {@code git_provider}: the hosting service
   * @param tag the tag name, e.g. {@code v1.2.0}
   * @return the source at that tag
   */
  public static GitSource tag(String url, Provider provider, String tag) {
    return new GitSource(url, provider, tag, ReferenceKind.TAG);
  }

  /**
   * The commit with the hash {@code commit} ({@code git_commit}).
   * @param url {@code git_url}: the repository's URL, e.g. {@code https://github.com/example/etl}
   * @param provider {@code git_provider}: the hosting service
   * @param commit the full or abbreviated commit hash
   * @return the source at that commit
   */
  public static GitSource commit(String url, Provider provider, String commit) {
    return new GitSource(url, provider, commit, ReferenceKind.COMMIT);
  }
}
