// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.engine.Coherence;
import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;

/**
 * Sends every call of a {@link SharedTier} through the {@link RedisCircuitBreaker}. An open
 * circuit becomes a {@link RemoteUnavailable} marked {@link RemoteUnavailable#circuitOpen()}:
 * no call was made.
 */
final class GuardedRemoteTier implements SharedTier {

  private static final String OPEN =
      "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException";

  private final SharedTier tier;
  private final RedisCircuitBreaker breaker;

  GuardedRemoteTier(SharedTier tier, RedisCircuitBreaker breaker) {
    this.tier = tier;
    this.breaker = breaker;
  }

  private <T> T guarded(RedisCircuitBreaker.RedisCall<T> call) throws RemoteUnavailable {
    return guarded(breaker, tier.describe(), call);
  }

  /**
   * Runs {@code call} through {@code breaker} ({@code null}: directly); an open circuit becomes
   * a {@link RemoteUnavailable} marked {@link RemoteUnavailable#circuitOpen()}.
   */
  static <T> T guarded(RedisCircuitBreaker breaker, String where,
      RedisCircuitBreaker.RedisCall<T> call) throws RemoteUnavailable {
    if (breaker == null) {
      return call.call();
    }
    try {
      return breaker.call(call);
    } catch (RuntimeException e) {
      // compared by name: the class is not there on a server without Fault Tolerance
      if (e.getClass().getName().equals(OPEN)) {
        throw RemoteUnavailable.circuitOpen(where);
      }
      throw e;
    }
  }

  @Override
  public Read read(String key) throws RemoteUnavailable {
    return guarded(() -> tier.read(key));
  }

  @Override
  public boolean fill(String key, String payload, long ttlSeconds, String epoch, String group)
      throws RemoteUnavailable {
    return guarded(() -> tier.fill(key, payload, ttlSeconds, epoch, group));
  }

  @Override
  public void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable {
    run(() -> tier.put(key, payload, ttlSeconds));
  }

  @Override
  public void delete(String key) throws RemoteUnavailable {
    run(() -> tier.delete(key));
  }

  @Override
  public void invalidate(String key) throws RemoteUnavailable {
    run(() -> tier.invalidate(key));
  }

  @Override
  public void publish(String key) throws RemoteUnavailable {
    run(() -> tier.publish(key));
  }

  @Override
  public void invalidateAll() throws RemoteUnavailable {
    run(tier::invalidateAll);
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    run(tier::prepare);
  }

  private void run(Coherence.RemoteCall call) throws RemoteUnavailable {
    guarded(() -> {
      call.run();
      return null;
    });
  }

  @Override
  public void dropIdleConnections() {
    tier.dropIdleConnections();
  }

  @Override
  public String describe() {
    return tier.describe();
  }

  @Override
  public void close() {
    tier.close();
  }
}
