// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.internal.engine.Coherence;
import io.github.tenantfilter.internal.engine.ReadThrough;
import io.github.tenantfilter.internal.engine.RemoteHealth;
import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;
import io.github.tenantfilter.internal.engine.SingleFlight;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Logger;

// Above 300 lines on purpose: the read path and the coherence are the engine's (ReadThrough,
// Coherence, SingleFlight); what stays is the region's API (get, getIfPresent, put, the
// invalidations), its steps of the read path and its serializer's failures: they read best as one.
/**
 * One named region: the heap tier, then Redis, then the caller's loader.
 *
 * <ul>
 *   <li>A heap hit makes no network call.
 *   <li>Concurrent misses for one key share one load (single flight).
 *   <li>Every invalidation (and put) advances a local generation and Redis's epoch for the
 *       region; a load that began before it writes to neither tier, and no get that begins
 *       after it waits for that load. Invalidations Redis could not take are owed, and paid (and
 *       told to the other nodes) before anything read from Redis is used again. All three are
 *       the tenant cache's too: {@link Coherence} and {@link SingleFlight}.
 *   <li>Redis failing, or its circuit open, is never the caller's problem: the loader answers.
 *   <li>A value in Redis that does not decode is deleted and treated as a miss.
 * </ul>
 */
final class TieredRegion<V> implements CacheRegion<V> {

  private static final Logger LOG = Logger.getLogger(TieredRegion.class.getName());
  /** More keys owed than this, and one whole-region invalidation replaces them. */
  static final int MAX_OWED = 10_000;

  private final String name;
  private final RegionSpec spec;
  private final CacheSerializer<V> serializer;
  private final RegionHeap.Tier heap;
  /** Redis, or {@code null} without it. */
  private final SharedTier remote;
  /** Redis as invalidations, and the debts a get pays, see it; {@code null} without Redis. */
  private final Coherence.Remote invalidations;
  private final DoubleSupplier random;
  private final RegionCounters counters = new RegionCounters();
  private final SingleFlight<V> loads = new SingleFlight<>();
  private final Coherence coherence;
  private final ReadThrough<Loading<V>, V> reads;
  private final ReadThrough.Outcome counted = ReadThrough.counting(counters);
  private final AtomicBoolean serializerWarned = new AtomicBoolean();
  private volatile boolean closed;

  TieredRegion(String name, RegionSpec spec, CacheSerializer<V> serializer,
      RegionHeap.Tier heap, SharedTier remote, RemoteHealth health,
      DoubleSupplier random) {
    this.name = name;
    this.spec = spec;
    this.serializer = serializer;
    this.heap = heap;
    this.remote = remote;
    this.random = random;
    this.invalidations = remote == null ? null : new RemoteTier();
    this.coherence = new Coherence("cache region " + name, new HeapTier(), invalidations, health,
        counters, MAX_OWED);
    this.reads = new ReadThrough<>(coherence, remote, invalidations, Integer.MAX_VALUE,
        () -> !closed, null, new Steps());
  }

  /** The heap tier as invalidations see it; a stopping application's closed tier is empty. */
  private final class HeapTier implements Coherence.Local {
    @Override
    public void drop(String escaped) {
      try {
        heap.remove(escaped);
      } catch (IllegalStateException e) {
        // the application is stopping
      }
    }

    @Override
    public void dropAll() {
      try {
        heap.clear();
      } catch (IllegalStateException e) {
        // the application is stopping
      }
    }
  }

  /** Redis as invalidations see it; nothing once the region is closed. */
  private final class RemoteTier implements Coherence.Remote {
    @Override
    public void invalidate(String escaped) throws RemoteUnavailable {
      if (!closed) {
        remote.invalidate(escaped);
      }
    }

    @Override
    public void invalidateAll() throws RemoteUnavailable {
      if (!closed) {
        remote.invalidateAll();
      }
    }

    @Override
    public void publish(String escaped) throws RemoteUnavailable {
      if (!closed) {
        remote.publish(escaped);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RegionSpec spec() {
    return spec;
  }

  @Override
  public V get(String key, Function<? super String, ? extends V> loader) {
    String escaped = RegionKeys.escape(key);
    Objects.requireNonNull(loader, "loader");
    V local = countedLocal(escaped);
    return local != null ? local : loadOnce(key, escaped, loader);
  }

  @Override
  public Optional<V> getIfPresent(String key) {
    String escaped = RegionKeys.escape(key);
    V local = countedLocal(escaped);
    if (local != null) {
      return Optional.of(local);
    }
    return Optional.ofNullable(reads.fromShared(
        new Loading<>(key, escaped, null), reads.readShared(escaped), counted));
  }

  /** A get: its heap hit, counted, or {@code null}. */
  private V countedLocal(String escaped) {
    counters.gets.increment();
    V local = local(escaped);
    if (local != null) {
      counters.localHits.increment();
    }
    return local;
  }

  @SuppressWarnings("unchecked")
  private V local(String escaped) {
    if (closed) {
      return null;
    }
    try {
      return (V) heap.get(escaped);
    } catch (IllegalStateException e) {
      return null; // the application is stopping: its heap tiers are closed
    }
  }

  /**
   * Loads once for every get that asks meanwhile (single flight); a get joins a running load
   * only if no invalidation came between that load's start and its own.
   */
  private V loadOnce(String key, String escaped, Function<? super String, ? extends V> loader) {
    return loads.load(escaped, coherence.generation(), () -> {
      // a load of this key may have finished between our heap miss and now
      V again = local(escaped);
      return again != null ? again
          : reads.load(new Loading<>(key, escaped, loader), escaped, null, true, counted);
    });
  }

  /** The region's part of the read path: its codec, its loader, its heap tier. */
  private final class Steps implements ReadThrough.Steps<Loading<V>, V> {
    @Override
    public ReadThrough.Cached<V> decode(Loading<V> key, SharedTier.Read read) {
      V value = TieredRegion.this.decode(key.escaped(), read);
      return value == null ? null : new ReadThrough.Cached<>(value, true);
    }

    @Override
    public V load(Loading<V> key) {
      counters.loads.increment();
      try {
        return key.loader().apply(key.key());
      } catch (RuntimeException | Error e) {
        counters.loadErrors.increment();
        throw e;
      }
    }

    @Override
    public void fill(Loading<V> key, V value, String epoch) throws RemoteUnavailable {
      String payload = serialize(value);
      if (payload != null) {
        remote.fill(key.escaped(), payload, ttlSeconds(), epoch, null);
      }
    }

    @Override
    public void putLocal(Loading<V> key, V value) {
      heap.put(key.escaped(), value);
    }

    @Override
    public void removeLocal(Loading<V> key) {
      heap.remove(key.escaped());
    }
  }

  /** A key being loaded: as the caller named it, escaped, and the caller's loader. */
  private record Loading<V>(String key, String escaped,
      Function<? super String, ? extends V> loader) {}

  /** The value stored in Redis, or {@code null}; an unreadable one is deleted. */
  private V decode(String escaped, SharedTier.Read read) {
    if (!read.malformed()) {
      if (read.value() == null) {
        return null; // a miss, or from before the last whole-region invalidation: gone
      }
      try {
        V value = serializer.deserialize(read.value());
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        // fall through: unreadable
      }
    }
    counters.corruptValues.increment();
    LOG.warning("tenant-filter: ignoring and deleting a value of cache region " + name
        + " in Redis that cannot be read back (key " + escaped + ")");
    coherence.call(() -> remote.delete(escaped));
    return null;
  }

  private String serialize(V value) {
    try {
      String payload = serializer.serialize(value);
      if (payload == null) {
        throw new IllegalArgumentException("the serializer returned null");
      }
      return payload;
    } catch (RuntimeException e) {
      if (serializerWarned.compareAndSet(false, true)) {
        LOG.warning("tenant-filter: the serializer of cache region " + name + " failed (" + e
            + "); such values are kept in the heap tier only");
      }
      return null;
    }
  }

  /** The Redis TTL less up to 10 %, so that values loaded together do not expire together. */
  private long ttlSeconds() {
    return SharedTier.jitteredSeconds(spec.ttl(), random);
  }

  @Override
  public void put(String key, V value) {
    String escaped = RegionKeys.escape(key);
    Objects.requireNonNull(value, "value");
    String payload = serialize(value);
    // Redis gets the new value (or, not serializable, loses the old one) and a new epoch, as an
    // invalidation would: a load that read the old value writes it to neither tier
    coherence.change(escaped, () -> {
      if (closed) {
        return;
      }
      if (payload != null) {
        remote.put(escaped, payload, ttlSeconds());
      } else {
        remote.invalidate(escaped);
      }
    }, true);
    try {
      if (!closed) {
        heap.put(escaped, value);
      }
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  @Override
  public void invalidate(String key) {
    String escaped = RegionKeys.escape(key);
    counters.invalidations.increment();
    coherence.invalidate(escaped, true);
  }

  @Override
  public void invalidateAll() {
    counters.invalidations.increment();
    coherence.invalidateAll(true);
  }

  /** Makes sure Redis has the region's epoch and generation, so that the first fills count. */
  void prepareRemote() {
    if (remote != null) {
      coherence.call(remote::prepare);
    }
  }

  /** Another node invalidated {@code escaped}: drop it here, nothing else. */
  void heard(String escaped) {
    counters.invalidations.increment();
    coherence.drop(escaped);
  }

  /** Another node invalidated the whole region, or messages may have been lost. */
  void heardAll() {
    counters.invalidations.increment();
    coherence.dropAll();
  }

  /** The channel came back after a break: what was sent meanwhile is lost. */
  void resubscribed() {
    coherence.dropAll();
  }

  @Override
  public RegionStats stats() {
    long size;
    try {
      size = closed ? 0 : heap.size();
    } catch (IllegalStateException e) {
      size = 0;
    }
    return counters.snapshot(name, spec, size);
  }

  void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "CacheRegion[" + name + ", " + spec + "]";
  }
}
