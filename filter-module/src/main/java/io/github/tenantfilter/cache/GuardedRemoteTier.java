package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.engine.RemoteUnavailable;
import io.github.tenantfilter.resolve.LookupKey;

/**
 * Sends every call of a {@link RemoteTier} through the {@link RedisCircuitBreaker}. An open
 * circuit becomes a {@link RemoteUnavailable} marked {@link RemoteUnavailable#circuitOpen()}:
 * no call was made.
 */
final class GuardedRemoteTier implements RemoteTier {

  private static final String OPEN =
      "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException";

  private final RemoteTier tier;
  private final RedisCircuitBreaker breaker;

  GuardedRemoteTier(RemoteTier tier, RedisCircuitBreaker breaker) {
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
  public Read read(LookupKey key) throws RemoteUnavailable {
    return guarded(() -> tier.read(key));
  }

  @Override
  public boolean write(LookupKey key, Tenant tenant, String epoch) throws RemoteUnavailable {
    return guarded(() -> tier.write(key, tenant, epoch));
  }

  @Override
  public void delete(LookupKey key) throws RemoteUnavailable {
    guarded(() -> {
      tier.delete(key);
      return null;
    });
  }

  @Override
  public void invalidate(String tenantId) throws RemoteUnavailable {
    guarded(() -> {
      tier.invalidate(tenantId);
      return null;
    });
  }

  @Override
  public void publish(String message) throws RemoteUnavailable {
    guarded(() -> {
      tier.publish(message);
      return null;
    });
  }

  @Override
  public void invalidateAll() throws RemoteUnavailable {
    guarded(() -> {
      tier.invalidateAll();
      return null;
    });
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    guarded(() -> {
      tier.prepare();
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
