package io.github.dbexec.auth.internal;

import io.github.dbexec.auth.AzureServicePrincipalCredentials;
import io.github.dbexec.auth.HeaderFactory;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The headers of every strategy that caches tokens: {@code Authorization: Bearer <token>}, and for Azure, when a
 * workspace resource id is set, the management token in {@code X-Databricks-Azure-SP-Management-Token} with
 * {@code X-Databricks-Azure-Workspace-Resource-Id}. Thread-safe, as its token sources are.
 */
public final class TokenHeaders implements HeaderFactory {

  /** Creates the token source of one Azure resource; {@code label} names it in messages. */
  @FunctionalInterface
  public interface AzureTokenSources {
    CachedTokenSource forResource(String resource, String label);
  }

  private final CachedTokenSource tokens;
  private final @Nullable CachedTokenSource management;
  private final @Nullable String workspaceResourceId;
  private final String shown;

  private TokenHeaders(CachedTokenSource tokens, @Nullable CachedTokenSource management,
      @Nullable String workspaceResourceId, String shown) {
    this.tokens = tokens;
    this.management = management;
    this.workspaceResourceId = workspaceResourceId;
    this.shown = shown;
  }

  /**
   * {@code Authorization: Bearer <token>} from {@code tokens}.
   *
   * @param shown the factory's {@code toString()}, without secrets
   */
  public static HeaderFactory bearer(CachedTokenSource tokens, String shown) {
    return new TokenHeaders(tokens, null, null, shown);
  }

  /**
   * A token for Azure Databricks ({@value AzureServicePrincipalCredentials#AZURE_DATABRICKS_RESOURCE}, labelled
   * {@code Azure Databricks}) and, when {@code workspaceResourceId} is set, one for {@code managementResource}
   * (labelled {@code Azure management}), sent with the resource id.
   *
   * @param shown the factory's {@code toString()}, without secrets
   */
  public static HeaderFactory azure(@Nullable String workspaceResourceId, String managementResource,
      AzureTokenSources sources, String shown) {
    CachedTokenSource workspace = sources.forResource(AzureServicePrincipalCredentials.AZURE_DATABRICKS_RESOURCE,
        "Azure Databricks");
    CachedTokenSource management = workspaceResourceId == null ? null
        : sources.forResource(managementResource, "Azure management");
    return new TokenHeaders(workspace, management, workspaceResourceId, shown);
  }

  @Override
  public Map<String, String> headers() throws IOException {
    String authorization = "Bearer " + tokens.token().value();
    if (management == null || workspaceResourceId == null) {
      return Map.of("Authorization", authorization);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", authorization);
    headers.put("X-Databricks-Azure-SP-Management-Token", management.token().value());
    headers.put("X-Databricks-Azure-Workspace-Resource-Id", workspaceResourceId);
    return Collections.unmodifiableMap(headers);
  }

  @Override
  public String toString() {
    return shown;
  }
}
