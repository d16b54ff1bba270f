package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.engine.RemoteUnavailable;
import io.github.tenantfilter.resolve.LookupKey;

/**
 * The shared tier (L2). Every method either succeeds or throws {@link RemoteUnavailable}; no
 * client exception escapes.
 */
interface RemoteTier extends AutoCloseable {

  /**
   * What a read returned.
   *
   * @param value the stored text, or {@code null} on a miss
   * @param epoch the invalidation epoch at the time of the read, to hand back to {@link
   *     #write}
   */
  record Read(String value, String epoch) {}

  /** Reads the value of {@code key} and the current invalidation epoch in one round trip. */
  Read read(LookupKey key) throws RemoteUnavailable;

  /**
   * Stores {@code tenant} under {@code key}, unless an invalidation happened since the read that
   * returned {@code epoch} (then a newer value may exist, and the old one must not come back).
   *
   * @return whether the value was stored
   */
  boolean write(LookupKey key, Tenant tenant, String epoch) throws RemoteUnavailable;

  /** Deletes a value found to be corrupt. */
  void delete(LookupKey key) throws RemoteUnavailable;

  /** Removes every key ever written for the tenant and advances the epoch. */
  void invalidate(String tenantId) throws RemoteUnavailable;

  /** Tells the other nodes about an invalidation ({@link InvalidationBus} message). */
  void publish(String message) throws RemoteUnavailable;

  /** Makes every tenant value under this tier's prefix dead and advances the epoch. */
  void invalidateAll() throws RemoteUnavailable;

  /**
   * Gives the tier an epoch and a generation if it has none (a new or restarted Redis), so that
   * the first fills are not refused; changes nothing else.
   */
  void prepare() throws RemoteUnavailable;

  /**
   * Closes the idle pooled connections, so that the next call opens a fresh one. Called while
   * the circuit is open: the call that gets through is the breaker's probe, and a connection
   * that died while idle must not fail it. Never fails.
   */
  default void dropIdleConnections() {}

  /** Where the tier lives, password masked, for logs. */
  String describe();

  @Override
  void close();
}
