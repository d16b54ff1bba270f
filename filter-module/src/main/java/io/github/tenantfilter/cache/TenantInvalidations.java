package io.github.tenantfilter.cache;

import io.github.tenantfilter.engine.Coherence;
import io.github.tenantfilter.engine.RemoteUnavailable;

/**
 * Redis as the tenant cache's invalidations see it ({@link Coherence.Remote}): by tenant id, the
 * messages in the bus's format, each call around the breaker once more on a dead connection.
 */
final class TenantInvalidations implements Coherence.Remote {

  private final RemoteTier tier;
  private final RemoteTier direct;
  private final String nodeId;

  /**
   * Invalidations through {@code tier}, publishing through {@code direct} (Redis without the
   * breaker) as node {@code nodeId}.
   */
  TenantInvalidations(RemoteTier tier, RemoteTier direct, String nodeId) {
    this.tier = tier;
    this.direct = direct;
    this.nodeId = nodeId;
  }

  @Override
  public void invalidate(String tenantId) throws RemoteUnavailable {
    retried(tier, () -> tier.invalidate(tenantId));
  }

  @Override
  public void invalidateAll() throws RemoteUnavailable {
    retried(tier, tier::invalidateAll);
  }

  @Override
  public void publish(String tenantId) throws RemoteUnavailable {
    String message = tenantId == null
        ? InvalidationBus.messageAll(nodeId) : InvalidationBus.message(nodeId, tenantId);
    retried(direct, () -> direct.publish(message));
  }

  /**
   * Makes a call once more if its connection failed: after Redis restarted, the pool's
   * connections are dead until used, and the failure has dropped them, so the second call
   * gets a fresh one. Invalidations are idempotent. Only around the breaker ({@code used} is
   * {@code direct}): through it, a failure is the breaker's to count.
   */
  private void retried(RemoteTier used, Coherence.RemoteCall call) throws RemoteUnavailable {
    try {
      call.run();
    } catch (RemoteUnavailable e) {
      if (!e.connectionFailed() || used != direct) {
        throw e;
      }
      call.run();
    }
  }
}
