// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import io.github.tenantfilter.internal.engine.OwedInvalidations.Debts;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

// Above 300 lines on purpose: the guard, invalidation and the debts' paying are one protocol whose
// steps' order is the correctness argument (docs/coherence.md); about half the lines are that
// argument, written where the code is.
/**
 * How a two-tier cache (a heap tier on each node, a remote tier they share) stays coherent: the
 * one implementation behind the tenant cache and every named region.
 *
 * <ul>
 *   <li><b>Generation guard.</b> Every change to the heap tier advances a generation; a load
 *       records it when it begins and puts its value only if it has not moved ({@link
 *       #putIfCurrent}), so a load that began before an invalidation never puts back what the
 *       invalidation removed.
 *   <li><b>Invalidation.</b> The heap tier drops the key, the remote tier invalidates it (or,
 *       unreachable, owes it), the heap tier drops it again (a load in between may have read the
 *       old remote value), and the other nodes are told.
 *   <li><b>Owed invalidations.</b> What the remote tier could not take is recorded ({@link
 *       OwedInvalidations}) and paid, one payer at a time, before anything read from the remote
 *       tier is trusted again ({@link #owes}, {@link #pay}).
 * </ul>
 *
 * <p>The caller keeps what is its own: its heap tier's layout and its remote tier's protocol,
 * behind {@link Local} and {@link Remote}, and its single flight ({@link SingleFlight}), which
 * joins loads by this generation.
 */
public final class Coherence {

  private static final Logger LOG = Logger.getLogger(Coherence.class.getName());

  /** A node's heap tier, as invalidations see it. */
  public interface Local {
    /** Drops {@code key}, and whatever else its invalidation concerns. */
    void drop(String key);

    /** Drops everything. */
    void dropAll();
  }

  /** The shared tier, as invalidations see it. */
  public interface Remote {
    /** Invalidates {@code key}: no load that read before can write it back. */
    void invalidate(String key) throws RemoteUnavailable;

    /** Invalidates everything, likewise. */
    void invalidateAll() throws RemoteUnavailable;

    /** Tells the other nodes that {@code key} changed ({@code null}: everything). */
    void publish(String key) throws RemoteUnavailable;
  }

  /** One remote call. */
  @FunctionalInterface
  public interface RemoteCall {
    void run() throws RemoteUnavailable;
  }

  private final String name;
  private final Local local;
  private final Remote remote;
  private final RemoteHealth health;
  private final TierCounters counters;
  private final AtomicLong generation = new AtomicLong();
  private final OwedInvalidations owed;
  /** One payer of the remote tier's debts at a time; the others go on without it. */
  private final ReentrantLock paying = new ReentrantLock();

  /**
   * The coherence of cache {@code name} (for the log).
   *
   * @param remote the shared tier, or {@code null} without one (then only the generation guard
   *     works, and nothing is ever owed)
   * @param health what the node knows of the remote tier, or {@code null} without one
   * @param maxOwed more keys owed than this, and one full invalidation replaces them
   */
  public Coherence(String name, Local local, Remote remote, RemoteHealth health,
      TierCounters counters, int maxOwed) {
    this.name = name;
    this.local = local;
    this.remote = remote;
    this.health = health;
    this.counters = counters;
    this.owed = new OwedInvalidations(maxOwed);
  }

  /** The current generation: a load records it when it begins. */
  public long generation() {
    return generation.get();
  }

  /**
   * Runs {@code put} if the generation is still {@code start}; runs {@code undo} if it moved
   * while {@code put} ran (an invalidation slipped in between the check and the put).
   */
  public void putIfCurrent(long start, Runnable put, Runnable undo) {
    if (generation.get() == start) {
      put.run();
      if (generation.get() != start) {
        undo.run();
      }
    }
  }

  /** Drops {@code key} from this node's heap tier, nothing else (another node invalidated it). */
  public void drop(String key) {
    generation.incrementAndGet();
    local.drop(key);
  }

  /** Empties this node's heap tier, nothing else. */
  public void dropAll() {
    generation.incrementAndGet();
    local.dropAll();
  }

  /** Whether the remote tier owes an invalidation: until it is paid, nothing read there counts. */
  public boolean owes() {
    return owed.owes();
  }

  /** What the remote tier owes now. */
  public Debts debts() {
    return owed.debts();
  }

  /**
   * Invalidates {@code key} in both tiers and, if {@code tellOtherNodes}, tells the other nodes.
   *
   * @return whether the remote tier took it (true without one); if not, it owes it
   */
  public boolean invalidate(String key, boolean tellOtherNodes) {
    return change(key, () -> remote.invalidate(key), tellOtherNodes);
  }

  /**
   * Changes {@code key} in the remote tier by {@code call} (an invalidation, or a write that
   * advances the remote tier's epoch likewise), with the heap tier dropping the key before and
   * after, and tells the other nodes if {@code tellOtherNodes}. When the call fails, the remote
   * tier owes the key's invalidation.
   *
   * @return whether the remote tier took it (true without one)
   */
  public boolean change(String key, RemoteCall call, boolean tellOtherNodes) {
    drop(key);
    if (remote == null) {
      return true;
    }
    Debts before = owed.debts().only(key);
    boolean made;
    try {
      call.run();
      health.answered();
      owed.paid(before); // an older debt for the key is paid by this
      // again, now that the remote tier is clean: a load here in between may have read the old
      // value there and put it back (its load began after the first generation step)
      drop(key);
      made = true;
    } catch (RemoteUnavailable e) {
      owed.owe(key);
      // and again: a load that read the remote tier before the debt was recorded must not keep
      // the value
      drop(key);
      failed(e, "could not invalidate " + key + " of " + name + " in Redis now",
          "it is owed, and made before Redis is read again");
      made = false;
    }
    if (tellOtherNodes) {
      publish(key);
    }
    return made;
  }

  /**
   * Invalidates everything in both tiers and, if {@code tellOtherNodes}, tells the other nodes.
   *
   * @return whether the remote tier took it (true without one); if not, it owes it
   */
  public boolean invalidateAll(boolean tellOtherNodes) {
    dropAll();
    if (remote == null) {
      return true;
    }
    Debts before = owed.debts().asAll(); // what this pays; a debt made meanwhile stays
    boolean made;
    try {
      remote.invalidateAll();
      health.answered();
      owed.paid(before);
      dropAll(); // again, now that the remote tier is clean (see change)
      made = true;
    } catch (RemoteUnavailable e) {
      owed.oweAll();
      dropAll();
      failed(e, "could not empty " + name + " in Redis now",
          "it is owed, and made before Redis is read again");
      made = false;
    }
    if (tellOtherNodes) {
      publish(null);
    }
    return made;
  }

  /**
   * Pays what the remote tier owes through this cache's own remote tier, counting a failure.
   *
   * @see #pay(Remote, int, boolean)
   */
  public boolean pay(int limit) {
    return pay(remote, limit, true);
  }

  /**
   * Pays what the remote tier owes through {@code via}: each owed key invalidated there and
   * dropped here, the other nodes told. One payer at a time; at most {@code limit} keys (a
   * request pays a few, a background task the rest).
   *
   * @param countFailure whether a failure counts (and logs) as one of the remote tier's: not
   *     for a background task that retries every few seconds
   * @return whether nothing is owed any more (but for debts made meanwhile), so that the remote
   *     tier may be read
   */
  public boolean pay(Remote via, int limit, boolean countFailure) {
    if (!owed.owes()) {
      return true;
    }
    if (!paying.tryLock()) {
      return false; // another thread pays; this one goes on without the remote tier
    }
    try {
      Debts debts = owed.debts();
      if (debts.all()) {
        via.invalidateAll();
        dropAll();
        owed.paid(debts); // every key it listed too
        publish(null);
        debts = owed.debts(); // those made meanwhile
      }
      if (debts.keys().size() > limit) {
        return false;
      }
      for (String key : debts.keys().keySet()) {
        via.invalidate(key);
        owed.paid(debts, key);
        drop(key);
        publish(key);
      }
      health.answered();
      LOG.info("tenant-filter: the invalidations Redis owed " + name + " are made");
      return true;
    } catch (RemoteUnavailable e) {
      if (countFailure) {
        health.failed(e, counters);
      }
      return false;
    } finally {
      paying.unlock();
    }
  }

  /**
   * What a miss got from the shared tier.
   *
   * @param generation the generation the miss's load began in: taken after the debts were paid
   * @param read what the tier said, or {@code null}: not asked (a debt is still owed) or failed
   */
  public record SharedRead(long generation, SharedTier.Read read) {}

  /**
   * The shared tier's part of a miss, the same for every cache: what the tier owes is paid first
   * (through {@code payVia}, at most {@code debtLimit} keys), the generation taken after it, and
   * {@code key} read only if nothing is owed any more (a debt made meanwhile is seen: a debt is
   * recorded before its invalidation moves the generation). While the circuit is open, the call
   * that gets through is its probe: it gets a fresh connection.
   */
  public SharedRead readShared(SharedTier tier, String key, Remote payVia, int debtLimit) {
    if (owed.owes()) {
      pay(payVia, debtLimit, true);
    }
    long start = generation.get();
    if (owed.owes()) {
      return new SharedRead(start, null);
    }
    if (health.circuitOpen()) {
      tier.dropIdleConnections();
    }
    long callStart = System.nanoTime();
    try {
      SharedTier.Read read = tier.read(key);
      health.succeeded(callStart);
      return new SharedRead(start, read);
    } catch (RemoteUnavailable e) {
      health.failed(e, counters);
      return new SharedRead(start, null);
    }
  }

  /**
   * Makes one more call of the shared tier (a fill, the delete of an unreadable value, a
   * prepare), a failure counted and logged once.
   *
   * @return whether it got through
   */
  public boolean call(RemoteCall call) {
    try {
      call.run();
      return true;
    } catch (RemoteUnavailable e) {
      health.failed(e, counters);
      return false;
    }
  }

  /**
   * Tells the other nodes. A lost message is bounded by the heap TTL, and a node whose
   * subscription broke drops its heap tier when it subscribes again.
   */
  private void publish(String key) {
    try {
      remote.publish(key);
    } catch (RemoteUnavailable e) {
      failed(e, "could not tell the other nodes about an invalidation of " + name,
          "their heap tiers expire it within the heap TTL");
    }
  }

  private void failed(RemoteUnavailable e, String what, String then) {
    health.failed(e, counters);
    LOG.log(e.circuitOpen() ? Level.FINE : Level.WARNING,
        "tenant-filter: " + what + " (" + e.getMessage() + "); " + then);
  }
}
