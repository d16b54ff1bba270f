// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A cache's shared tier (L2: Redis) as the engine sees it, the tenant cache's and every region's
 * alike: text values under text keys, each cache under keys of its own, by one protocol (in
 * Redis: {@code RedisProtocol}). Every method either succeeds or throws {@link
 * RemoteUnavailable}; no client exception escapes.
 *
 * <p>The invalidations are {@link Coherence.Remote}'s: {@code invalidate(key)} invalidates what
 * {@code key} names (its value, and every value filled with {@code key} as their group), {@code
 * invalidateAll()} every value, {@code publish(key)} tells the other nodes; each replaces the
 * epoch, so that no fill that read before can write.
 */
public interface SharedTier extends Coherence.Remote, AutoCloseable {

  /**
   * What a read returned.
   *
   * @param value the stored payload if it is live (written under the cache's generation), or
   *     {@code null}: a miss, or a value of before the last whole-cache invalidation
   * @param epoch the cache's epoch at the time of the read, for {@link #fill}
   * @param malformed whether the tier held something under the key that is no value of the
   *     protocol
   */
  record Read(String value, String epoch, boolean malformed) {}

  /** Reads {@code key} and the cache's epoch and generation, in one round trip. */
  Read read(String key) throws RemoteUnavailable;

  /**
   * Stores {@code payload} under {@code key} for {@code ttlSeconds}, unless an invalidation
   * happened since the read that returned {@code epoch} (then a newer value may exist, and the old
   * one must not come back).
   *
   * @param group what else the value is invalidated with ({@code invalidate(group)}), or {@code
   *     null}: only its own key
   * @return whether it was stored
   */
  boolean fill(String key, String payload, long ttlSeconds, String epoch, String group)
      throws RemoteUnavailable;

  /**
   * Stores {@code payload} under {@code key} for {@code ttlSeconds} whatever the epoch, and
   * replaces the epoch (a fill that read before does not overwrite it).
   */
  void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable;

  /** Deletes a value found to be unreadable. */
  void delete(String key) throws RemoteUnavailable;

  /**
   * Gives the cache an epoch and a generation if it has none (a new or restarted Redis), so that
   * the first fills are not refused; changes nothing else.
   */
  void prepare() throws RemoteUnavailable;

  /**
   * Closes the idle pooled connections, so that the next call opens a fresh one: called while
   * the circuit is open, so that the breaker's probe does not fail on a connection that died
   * while idle. Never fails.
   */
  default void dropIdleConnections() {}

  /** Where the tier lives, password masked, for logs. */
  String describe();

  /** Releases what the tier owns (a client it made); nothing by default. */
  @Override
  default void close() {}

  /**
   * {@code ttl} in seconds less up to 10 % ({@code random} in [0, 1)), at least 1: values loaded
   * together do not expire together.
   */
  static long jitteredSeconds(Duration ttl, DoubleSupplier random) {
    long seconds = Math.max(1, ttl.toSeconds());
    return Math.max(1, seconds - (long) (seconds * 0.1 * random.getAsDouble()));
  }
}
