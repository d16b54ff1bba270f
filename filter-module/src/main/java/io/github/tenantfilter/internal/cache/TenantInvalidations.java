// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.engine.Coherence;
import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;

/**
 * Redis as the tenant cache's invalidations see it ({@link Coherence.Remote}): by tenant id, each
 * call around the breaker once more on a dead connection.
 */
final class TenantInvalidations implements Coherence.Remote {

  private final SharedTier tier;
  private final SharedTier direct;

  /** Invalidations through {@code tier}, publishing through {@code direct} (without the breaker). */
  TenantInvalidations(SharedTier tier, SharedTier direct) {
    this.tier = tier;
    this.direct = direct;
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
    retried(direct, () -> direct.publish(tenantId));
  }

  /**
   * Makes a call once more if its connection failed: after Redis restarted, the pool's
   * connections are dead until used, and the failure has dropped them, so the second call
   * gets a fresh one. Invalidations are idempotent. Only around the breaker ({@code used} is
   * {@code direct}): through it, a failure is the breaker's to count.
   */
  private void retried(SharedTier used, Coherence.RemoteCall call) throws RemoteUnavailable {
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
