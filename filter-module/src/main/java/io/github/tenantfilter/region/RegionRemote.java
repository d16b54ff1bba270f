package io.github.tenantfilter.region;

import io.github.tenantfilter.engine.RemoteUnavailable;

/**
 * A region's shared tier (L2). Keys are escaped ({@link RegionKeys}). Every method either
 * succeeds or throws {@link RemoteUnavailable}; no client exception escapes.
 */
interface RegionRemote {

  /**
   * What a read returned.
   *
   * @param value the stored text ({@code <generation>|<serialized value>}), or {@code null}
   * @param epoch the region's invalidation epoch at the time of the read, for {@link #fill}
   * @param generation the region's generation (advanced by each whole-region invalidation): a
   *     value of another generation is gone
   */
  record Read(String value, String epoch, String generation) {}

  /** Reads {@code key}, the region's epoch and its generation, in one round trip. */
  Read read(String key) throws RemoteUnavailable;

  /**
   * Stores {@code payload} as a value of {@code read}'s generation for {@code ttlSeconds},
   * unless an invalidation of the region happened since {@code read}.
   *
   * @return whether it was stored
   */
  boolean fill(String key, String payload, long ttlSeconds, Read read) throws RemoteUnavailable;

  /**
   * Stores {@code payload} as a value of the current generation for {@code ttlSeconds}, whatever
   * the epoch, and advances the epoch (loads that began before it do not overwrite it).
   */
  void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable;

  /** Deletes a value found to be unreadable. */
  void delete(String key) throws RemoteUnavailable;

  /** Deletes {@code key} and advances the epoch. */
  void invalidate(String key) throws RemoteUnavailable;

  /** Advances the generation (every stored value is gone) and the epoch. */
  void invalidateAll() throws RemoteUnavailable;

  /** Tells the other nodes that {@code key} changed ({@code null}: the whole region). */
  void publish(String key) throws RemoteUnavailable;
}
