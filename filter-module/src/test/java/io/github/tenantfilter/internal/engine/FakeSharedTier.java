// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared tier in memory for the tenant cache's and the regions' unit tests alike, with the
 * protocol's rules (a fill is refused once the epoch moved; an invalidation removes a key and every
 * key filled with it as group; a whole-cache invalidation starts a new generation), that counts
 * calls, can fail in each way Redis does, and records what it published.
 *
 * <p>{@link #values} holds live payloads only: a new generation empties it, as the real tier's
 * values of an old generation read as misses.
 */
public final class FakeSharedTier implements SharedTier {

  /** The live payloads by key. */
  public final Map<String, String> values = new ConcurrentHashMap<>();
  /** Keys holding something that is no value of the protocol (read as malformed). */
  public final Set<String> malformed = ConcurrentHashMap.newKeySet();
  /** Each stored key's TTL in seconds. */
  public final Map<String, Long> ttls = new ConcurrentHashMap<>();
  /** The keys filled with each group. */
  public final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  public final AtomicInteger reads = new AtomicInteger();
  public final AtomicInteger fills = new AtomicInteger();
  public final AtomicInteger deletes = new AtomicInteger();
  public final AtomicInteger invalidations = new AtomicInteger();
  /** Whole-cache invalidations made. */
  public final AtomicInteger generations = new AtomicInteger();
  /** What was published: keys, {@code *} for everything. */
  public final List<String> published = new CopyOnWriteArrayList<>();
  /** Every call fails. */
  public volatile boolean down;
  /** Every call is refused as by an open circuit. */
  public volatile boolean circuitOpen;
  /** Calls that fail on a dead connection before the fake answers again (a restarted Redis). */
  public final AtomicInteger deadConnections = new AtomicInteger();
  /** Publishes that fail on a dead connection. */
  public final AtomicInteger deadPublishes = new AtomicInteger();
  /** Runs inside every read: what a concurrent observer sees while a lookup is in flight. */
  public volatile Runnable duringRead = () -> {};
  /**
   * Runs inside invalidate and invalidateAll, before the tier is cleaned: what a concurrent
   * request, or a reader of the statistics, would see.
   */
  public volatile Runnable duringInvalidate = () -> {};

  private volatile String epoch = "0";
  private int epochs;

  private void check() throws RemoteUnavailable {
    if (circuitOpen) {
      throw RemoteUnavailable.circuitOpen("fake Redis");
    }
    if (down) {
      throw new RemoteUnavailable("fake Redis is down", null);
    }
    if (deadConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw RemoteUnavailable.connectionFailed("fake connection is dead", null);
    }
  }

  private synchronized void newEpoch() {
    epoch = Integer.toString(++epochs);
  }

  @Override
  public Read read(String key) throws RemoteUnavailable {
    reads.incrementAndGet();
    check();
    duringRead.run();
    boolean bad = malformed.contains(key);
    return new Read(bad ? null : values.get(key), epoch, bad);
  }

  @Override
  public synchronized boolean fill(String key, String payload, long ttlSeconds, String expected,
      String group) throws RemoteUnavailable {
    fills.incrementAndGet();
    check();
    if (!expected.equals(epoch)) {
      return false;
    }
    store(key, payload, ttlSeconds);
    if (group != null) {
      index.computeIfAbsent(group, id -> ConcurrentHashMap.newKeySet()).add(key);
    }
    return true;
  }

  private void store(String key, String payload, long ttlSeconds) {
    malformed.remove(key);
    values.put(key, payload);
    ttls.put(key, ttlSeconds);
  }

  @Override
  public synchronized void put(String key, String payload, long ttlSeconds)
      throws RemoteUnavailable {
    check();
    store(key, payload, ttlSeconds);
    newEpoch();
  }

  @Override
  public void delete(String key) throws RemoteUnavailable {
    deletes.incrementAndGet();
    check();
    values.remove(key);
    malformed.remove(key);
  }

  @Override
  public void invalidate(String key) throws RemoteUnavailable {
    check();
    duringInvalidate.run();
    invalidateNow(key);
  }

  private synchronized void invalidateNow(String key) {
    invalidations.incrementAndGet();
    values.remove(key);
    Set<String> keys = index.remove(key);
    if (keys != null) {
      keys.forEach(values::remove);
    }
    newEpoch();
  }

  @Override
  public void invalidateAll() throws RemoteUnavailable {
    check();
    duringInvalidate.run();
    invalidateAllNow();
  }

  private synchronized void invalidateAllNow() {
    invalidations.incrementAndGet();
    generations.incrementAndGet();
    values.clear();
    malformed.clear();
    index.clear();
    newEpoch();
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    check();
  }

  @Override
  public void publish(String key) throws RemoteUnavailable {
    check();
    if (deadPublishes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw RemoteUnavailable.connectionFailed("fake connection is dead", null);
    }
    published.add(key == null ? "*" : key);
  }

  @Override
  public String describe() {
    return "fake";
  }
}
