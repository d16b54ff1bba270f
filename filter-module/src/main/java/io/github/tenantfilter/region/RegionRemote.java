package io.github.tenantfilter.region;

import io.github.tenantfilter.cache.RedisProtocol;
import io.github.tenantfilter.engine.RemoteUnavailable;

/**
 * A region's shared tier (L2), by the protocol of the tenant cache's ({@link RedisProtocol}).
 * Keys are escaped ({@link RegionKeys}). Every method either succeeds or throws {@link
 * RemoteUnavailable}; no client exception escapes.
 */
interface RegionRemote {

  /**
   * What a read returned.
   *
   * @param value the value's payload if it is live (written under the region's generation), or
   *     {@code null}: a miss, or a value of before the last whole-region invalidation
   * @param epoch the region's epoch at the time of the read, for {@link #fill}
   * @param malformed whether Redis held something under the key that is no value of the protocol
   */
  record Read(String value, String epoch, boolean malformed) {}

  /** Reads {@code key}, the region's epoch and its generation, in one round trip. */
  Read read(String key) throws RemoteUnavailable;

  /**
   * Stores {@code payload} for {@code ttlSeconds}, unless an invalidation of the region happened
   * since {@code read}.
   *
   * @return whether it was stored
   */
  boolean fill(String key, String payload, long ttlSeconds, Read read) throws RemoteUnavailable;

  /**
   * Stores {@code payload} as a value of the current generation for {@code ttlSeconds}, whatever
   * the epoch, and replaces the epoch (loads that began before it do not overwrite it).
   */
  void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable;

  /** Deletes a value found to be unreadable. */
  void delete(String key) throws RemoteUnavailable;

  /** Deletes {@code key} and replaces the epoch. */
  void invalidate(String key) throws RemoteUnavailable;

  /** Replaces the generation (every stored value is gone) and the epoch. */
  void invalidateAll() throws RemoteUnavailable;

  /** Gives the region an epoch and a generation if it has none, so that the first fills count. */
  void prepare() throws RemoteUnavailable;

  /** Tells the other nodes that {@code key} changed ({@code null}: the whole region). */
  void publish(String key) throws RemoteUnavailable;
}
