// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The read path of a heap-tier miss: the one of the tenant cache and of every named region. What
 * a cache adds are its {@link Steps} (its codec, its source, its heap tier's layout); the order of
 * the steps, which the coherence argument rests on (docs/coherence.md), is written once, here:
 *
 * <ol>
 *   <li>What the shared tier owes is paid and the key read there ({@link Coherence#readShared});
 *       the generation the load began in is taken after the debts.
 *   <li>A value there that decodes, is fresh and may be trusted answers, and goes to the heap
 *       tier if no invalidation came meanwhile (the generation guard). One that decodes but is
 *       past its freshness, or read while the cache may not trust the tier (a node that may have
 *       missed a message), is only kept for a failing source.
 *   <li>Otherwise the source answers. If it cannot (it throws the cache's {@code staleOn}
 *       exception) and a stale value is at hand, that one is served (stale-if-error); never
 *       another key's.
 *   <li>What the source found goes to the shared tier, with the epoch of the read (refused there
 *       if an invalidation came since), and to the heap tier under the generation guard. What it
 *       did not find goes to the cache's {@link Steps#none} (the tenant cache remembers it).
 * </ol>
 *
 * <p>Single flight ({@link SingleFlight}) is the caller's: it joins loads by {@link
 * Coherence#generation()}.
 *
 * @param <K> the cache's key
 * @param <V> its value
 */
public final class ReadThrough<K, V> {

  /** What a cache adds to the read path. */
  public interface Steps<K, V> {
    /**
     * The shared tier's value for {@code key}, decoded, or {@code null}: a miss, or a value that
     * cannot be used (which the step deletes from the tier and counts).
     */
    Cached<V> decode(K key, SharedTier.Read read);

    /**
     * The source's value for {@code key}, or {@code null} if it has none.
     *
     * @throws RuntimeException when the source cannot answer
     */
    V load(K key);

    /**
     * What the source found, checked before it is kept; by default as it is.
     *
     * @param generation the load's, for a remembered refusal ({@link Coherence#putIfCurrent})
     * @throws RuntimeException to refuse it (after remembering the refusal, if the cache does)
     */
    default V accept(K key, V loaded, long generation) {
      return loaded;
    }

    /** The source has nothing for {@code key}; by default nothing is remembered. */
    default void none(K key, long generation) {}

    /**
     * Writes {@code value} to the shared tier unless an invalidation came since the read that
     * returned {@code epoch} ({@link SharedTier#fill}).
     */
    void fill(K key, V value, String epoch) throws RemoteUnavailable;

    /** Puts {@code value} in the heap tier. */
    void putLocal(K key, V value);

    /** Takes {@code key} out of the heap tier again (an invalidation slipped in). */
    void removeLocal(K key);
  }

  /**
   * A decoded value of the shared tier.
   *
   * @param fresh whether it may answer now; if not, it is only served for a failing source
   */
  public record Cached<V>(V value, boolean fresh) {}

  /** How one miss went, for the cache's counters; nothing is counted by default. */
  public interface Outcome {
    /** The shared tier answered. */
    default void sharedHit() {}

    /** The shared tier was read and did not answer. */
    default void sharedMiss() {}

    /** The source failed, and a stale value answered. */
    default void staleServed() {}
  }

  /** An outcome that counts nothing. */
  public static final Outcome UNCOUNTED = new Outcome() {};

  /** An outcome that counts the shared tier's hits and misses in {@code counters} at once. */
  public static Outcome counting(TierCounters counters) {
    return new Outcome() {
      @Override
      public void sharedHit() {
        counters.redisHits.increment();
      }

      @Override
      public void sharedMiss() {
        counters.redisMisses.increment();
      }
    };
  }

  private final Coherence coherence;
  /** The shared tier, or {@code null} without one. */
  private final SharedTier tier;
  /** What the debts a miss pays are paid through. */
  private final Coherence.Remote payVia;
  private final int debtLimit;
  /** Whether the shared tier may be called now (not once the cache is closed). */
  private final BooleanSupplier open;
  /** What the source throws when it cannot answer; {@code null}: no stale value is ever served. */
  private final Class<? extends RuntimeException> staleOn;
  private final Steps<K, V> steps;

  /**
   * @param tier the shared tier, or {@code null} without one
   * @param payVia what owed invalidations are paid through before the tier is read
   * @param debtLimit at most this many owed keys are paid by one miss
   * @param open whether the tier may be called now
   * @param staleOn the exception by which the source says it cannot answer, for stale-if-error;
   *     {@code null} for none
   */
  public ReadThrough(Coherence coherence, SharedTier tier, Coherence.Remote payVia, int debtLimit,
      BooleanSupplier open, Class<? extends RuntimeException> staleOn, Steps<K, V> steps) {
    this.coherence = Objects.requireNonNull(coherence);
    this.tier = tier;
    this.payVia = payVia;
    this.debtLimit = debtLimit;
    this.open = Objects.requireNonNull(open);
    this.staleOn = staleOn;
    this.steps = Objects.requireNonNull(steps);
  }

  /**
   * The shared tier's part of a miss ({@link Coherence#readShared}: debts paid first), or {@code
   * null} without a tier, or once the cache is closed.
   */
  public Coherence.SharedRead readShared(String sharedKey) {
    return tier == null || !open.getAsBoolean()
        ? null : coherence.readShared(tier, sharedKey, payVia, debtLimit);
  }

  /**
   * The shared tier's fresh value for {@code key} after {@link #readShared}, put in the heap
   * tier, or {@code null}.
   */
  public V fromShared(K key, Coherence.SharedRead shared, Outcome outcome) {
    SharedTier.Read read = shared == null ? null : shared.read();
    return read == null ? null
        : answered(key, steps.decode(key, read), true, shared.generation(), outcome);
  }

  /**
   * Loads {@code key}: from the shared tier, else from the source (see the class comment).
   *
   * @param sharedKey the key's name in the shared tier
   * @param stale the heap tier's value past its freshness, or {@code null}: served only if the
   *     source fails
   * @param trusted whether a value of the shared tier may answer (not only a failing source)
   * @return the value, or {@code null} if the source has none
   */
  public V load(K key, String sharedKey, V stale, boolean trusted, Outcome outcome) {
    Coherence.SharedRead shared = readShared(sharedKey);
    long generation = shared == null ? coherence.generation() : shared.generation();
    SharedTier.Read read = shared == null ? null : shared.read();
    if (read != null) {
      Cached<V> cached = steps.decode(key, read);
      V answer = answered(key, cached, trusted, generation, outcome);
      if (answer != null) {
        return answer;
      }
      if (cached != null && stale == null) {
        stale = cached.value(); // past its freshness, or not trusted: only for a failing source
      }
    }
    V loaded;
    try {
      loaded = steps.load(key);
    } catch (RuntimeException e) {
      if (stale != null && staleOn != null && staleOn.isInstance(e)) {
        outcome.staleServed();
        return stale;
      }
      throw e;
    }
    if (loaded == null) {
      steps.none(key, generation);
      return null;
    }
    V value = steps.accept(key, loaded, generation);
    if (read != null) {
      coherence.call(() -> steps.fill(key, value, read.epoch()));
    }
    keep(key, value, generation);
    return value;
  }

  /**
   * The shared tier's value for {@code key} if it may answer (fresh and {@code trusted}): counted
   * as a hit and put in the heap tier; otherwise {@code null}, counted as a miss.
   */
  private V answered(K key, Cached<V> cached, boolean trusted, long generation,
      Outcome outcome) {
    if (cached != null && trusted && cached.fresh()) {
      outcome.sharedHit();
      keep(key, cached.value(), generation);
      return cached.value();
    }
    outcome.sharedMiss();
    return null;
  }

  /** Puts {@code value} in the heap tier unless the generation moved since {@code generation}. */
  private void keep(K key, V value, long generation) {
    if (open.getAsBoolean()) {
      coherence.putIfCurrent(generation,
          () -> steps.putLocal(key, value), () -> steps.removeLocal(key));
    }
  }
}
