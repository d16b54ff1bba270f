// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The invalidations Redis owes a cache: those made while Redis could not be reached. They are
 * paid (made in Redis, and told to the other nodes) before the cache trusts what Redis holds
 * again. Each debt is numbered, so that paying one never clears a debt made while it was being
 * paid; more than {@code max} keys owed, and one full invalidation replaces them (bounded memory).
 */
public final class OwedInvalidations {

  private final int max;
  /** Each owed key with the number of its latest debt. */
  private final ConcurrentHashMap<String, Long> keys = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong();
  /** Full invalidations owed and paid, as counts: one is owed while they differ. */
  private final AtomicLong allOwed = new AtomicLong();
  private volatile long allPaid;

  /** A ledger that keeps at most {@code max} keys before it owes a full invalidation instead. */
  public OwedInvalidations(int max) {
    this.max = max;
  }

  /** Redis could not invalidate {@code key}: it owes that. */
  public void owe(String key) {
    if (keys.size() >= max) {
      oweAll(); // one full invalidation instead of an unbounded list; it covers those below
      keys.clear();
    } else {
      keys.put(key, numbers.incrementAndGet());
    }
  }

  /** Redis could not be emptied: it owes a full invalidation. */
  public void oweAll() {
    allOwed.incrementAndGet();
  }

  /** Whether Redis owes anything. */
  public boolean owes() {
    return allOwed.get() != allPaid || !keys.isEmpty();
  }

  /** What is owed now: a snapshot, to pay and then to mark paid. */
  public Debts debts() {
    long all = allOwed.get();
    return new Debts(all, all != allPaid, Map.copyOf(keys));
  }

  /**
   * What {@code debts} listed is paid: a full invalidation pays every key it listed, a key's
   * invalidation that key. A debt made since the snapshot stays.
   */
  public void paid(Debts debts) {
    debts.keys().forEach(keys::remove);
    if (debts.all()) {
      allPaid = debts.allCount();
    }
  }

  /** The debt of {@code key} listed in {@code debts} is paid. */
  public void paid(Debts debts, String key) {
    Long number = debts.keys().get(key);
    if (number != null) {
      keys.remove(key, number);
    }
  }

  /**
   * A snapshot of the ledger.
   *
   * @param allCount the full invalidations owed so far, to mark paid
   * @param all whether a full invalidation is owed
   * @param keys each owed key with the number of its latest debt
   */
  public record Debts(long allCount, boolean all, Map<String, Long> keys) {

    /** Only the debt of {@code key}, if any: what an invalidation of it pays. */
    public Debts only(String key) {
      Long number = keys.get(key);
      return new Debts(allCount, false, number == null ? Map.of() : Map.of(key, number));
    }

    /** The same debts, paid by a full invalidation. */
    public Debts asAll() {
      return new Debts(allCount, true, keys);
    }
  }
}
