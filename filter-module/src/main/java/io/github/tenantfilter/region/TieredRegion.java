package io.github.tenantfilter.region;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.engine.OwedInvalidations;
import io.github.tenantfilter.engine.OwedInvalidations.Debts;
import io.github.tenantfilter.engine.SingleFlight;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Logger;
import org.ehcache.Cache;

/**
 * One named region: the heap tier, then Redis, then the caller's loader.
 *
 * <ul>
 *   <li>A heap hit makes no network call.
 *   <li>Concurrent misses for one key share one load (single flight).
 *   <li>Every invalidation (and put) advances a local generation and Redis's epoch for the
 *       region; a load that began before it writes to neither tier, and no get that begins
 *       after it waits for that load.
 *   <li>Redis failing, or its circuit open, is never the caller's problem: the loader answers.
 *       Invalidations Redis could not take are owed, and paid (and told to the other nodes)
 *       before anything read from Redis is used again.
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
  private final Cache<String, Object> heap;
  /** Redis, or {@code null} without it. */
  private final RegionRemote remote;
  private final RedisState redisState;
  private final DoubleSupplier random;
  private final RegionCounters counters = new RegionCounters();
  private final SingleFlight<V> loads = new SingleFlight<>();
  /** One payer of Redis's debts at a time; the others go on without Redis. */
  private final ReentrantLock paying = new ReentrantLock();
  private final AtomicLong generation = new AtomicLong();
  private final OwedInvalidations owed = new OwedInvalidations(MAX_OWED);
  private final AtomicBoolean serializerWarned = new AtomicBoolean();
  private volatile boolean closed;

  TieredRegion(String name, RegionSpec spec, CacheSerializer<V> serializer,
      Cache<String, Object> heap, RegionRemote remote, RedisState redisState,
      DoubleSupplier random) {
    this.name = name;
    this.spec = spec;
    this.serializer = serializer;
    this.heap = heap;
    this.remote = remote;
    this.redisState = redisState;
    this.random = random;
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
    counters.gets.increment();
    V local = local(escaped);
    if (local != null) {
      counters.localHits.increment();
      return local;
    }
    return loadOnce(key, escaped, loader);
  }

  @Override
  public Optional<V> getIfPresent(String key) {
    String escaped = RegionKeys.escape(key);
    counters.gets.increment();
    V local = local(escaped);
    if (local != null) {
      counters.localHits.increment();
      return Optional.of(local);
    }
    if (remote == null || closed) {
      return Optional.empty();
    }
    long startGeneration = generation.get();
    if (owes()) {
      payOwed();
      startGeneration = generation.get();
      if (owes()) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(fromRemote(escaped, startGeneration).value);
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
    return loads.load(escaped, generation.get(), () -> {
      // a load of this key may have finished between our heap miss and now
      V again = local(escaped);
      return again != null ? again : load(key, escaped, loader);
    });
  }

  /** What Redis said: the value if it had a usable one, and the read for a fill. */
  private record Remote<V>(V value, RegionRemote.Read read) {}

  private Remote<V> fromRemote(String escaped, long startGeneration) {
    try {
      RegionRemote.Read read = remote.read(escaped);
      redisState.succeeded();
      V value = decode(escaped, read);
      if (value != null) {
        counters.redisHits.increment();
        putLocal(escaped, value, startGeneration);
      } else {
        counters.redisMisses.increment();
      }
      return new Remote<>(value, read);
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
      return new Remote<>(null, null);
    }
  }

  private V load(String key, String escaped, Function<? super String, ? extends V> loader) {
    long startGeneration = generation.get();
    boolean remoteUsable = remote != null && !closed;
    if (remoteUsable && owes()) {
      // what Redis owes is paid before anything read from it counts; paying moves the
      // generation, and a debt made since the first check is seen by the second (a debt is
      // recorded before its invalidation moves the generation)
      payOwed();
      startGeneration = generation.get();
      remoteUsable = !owes();
    }
    RegionRemote.Read read = null;
    if (remoteUsable) {
      Remote<V> remoteAnswer = fromRemote(escaped, startGeneration);
      if (remoteAnswer.value != null) {
        return remoteAnswer.value;
      }
      read = remoteAnswer.read;
    }
    counters.loads.increment();
    V loaded;
    try {
      loaded = loader.apply(key);
    } catch (RuntimeException | Error e) {
      counters.loadErrors.increment();
      throw e;
    }
    if (loaded == null) {
      return null;
    }
    if (read != null) {
      String payload = serialize(loaded);
      if (payload != null) {
        try {
          remote.fill(escaped, payload, ttlSeconds(), read);
        } catch (RegionUnavailable e) {
          redisState.failed(e, counters);
        }
      }
    }
    putLocal(escaped, loaded, startGeneration);
    return loaded;
  }

  /** The value stored in Redis, or {@code null}; an unreadable one is deleted. */
  private V decode(String escaped, RegionRemote.Read read) {
    String text = read.value();
    if (text == null) {
      return null;
    }
    int bar = text.indexOf('|');
    String generationOf = bar > 0 ? text.substring(0, bar) : "";
    if (!generationOf.isEmpty() && generationOf.chars().allMatch(Character::isDigit)) {
      if (!generationOf.equals(read.generation())) {
        return null; // from before the last whole-region invalidation: gone
      }
      try {
        V value = serializer.deserialize(text.substring(bar + 1));
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
    try {
      remote.delete(escaped);
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
    }
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
    long ttl = Math.max(1, spec.ttl().toSeconds());
    return Math.max(1, ttl - (long) (ttl * 0.1 * random.getAsDouble()));
  }

  private void putLocal(String escaped, V value, long startGeneration) {
    if (closed || generation.get() != startGeneration) {
      return;
    }
    try {
      heap.put(escaped, value);
      // an invalidation may have slipped in between the check and the put
      if (generation.get() != startGeneration) {
        heap.remove(escaped);
      }
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  @Override
  public void put(String key, V value) {
    String escaped = RegionKeys.escape(key);
    Objects.requireNonNull(value, "value");
    generation.incrementAndGet();
    if (remote != null && !closed) {
      Debts before = owed.debts().only(escaped);
      String payload = serialize(value);
      try {
        if (payload != null) {
          remote.put(escaped, payload, ttlSeconds());
        } else {
          remote.invalidate(escaped);
        }
        redisState.succeeded();
        owed.paid(before); // an older debt for the key is paid by this
        publish(escaped);
      } catch (RegionUnavailable e) {
        owed.owe(escaped);
        redisState.failed(e, counters);
      }
    }
    // again, now that Redis has the new value: a load here in between read the old one
    generation.incrementAndGet();
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
    dropLocal(escaped);
    if (remote != null && !closed) {
      Debts before = owed.debts().only(escaped);
      try {
        remote.invalidate(escaped);
        redisState.succeeded();
        owed.paid(before); // an older debt for the key is paid by this
        // again, now that Redis is clean: a load here in between may have read the old value
        dropLocal(escaped);
        publish(escaped);
      } catch (RegionUnavailable e) {
        owed.owe(escaped);
        // and again: a load that read Redis before the debt was recorded must not keep the value
        dropLocal(escaped);
        redisState.failed(e, counters);
      }
    }
  }

  @Override
  public void invalidateAll() {
    counters.invalidations.increment();
    dropAllLocal();
    if (remote != null && !closed) {
      Debts before = owed.debts().asAll(); // what this pays; a debt made meanwhile stays
      try {
        remote.invalidateAll();
        owed.paid(before);
        redisState.succeeded();
        dropAllLocal();
        publish(null);
      } catch (RegionUnavailable e) {
        owed.oweAll();
        dropAllLocal();
        redisState.failed(e, counters);
      }
    }
  }

  /** Another node invalidated {@code escaped}: drop it here, nothing else. */
  void heard(String escaped) {
    counters.invalidations.increment();
    dropLocal(escaped);
  }

  /** Another node invalidated the whole region, or messages may have been lost. */
  void heardAll() {
    counters.invalidations.increment();
    dropAllLocal();
  }

  /** The channel came back after a break: what was sent meanwhile is lost. */
  void resubscribed() {
    dropAllLocal();
  }

  private void dropLocal(String escaped) {
    generation.incrementAndGet();
    try {
      heap.remove(escaped);
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  private void dropAllLocal() {
    generation.incrementAndGet();
    try {
      heap.clear();
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  /**
   * Tells the other nodes. A lost message is bounded by the heap TTL, and a node whose
   * subscription broke drops its heap tiers when it subscribes again.
   */
  private void publish(String escaped) {
    try {
      remote.publish(escaped);
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
    }
  }

  /** Whether Redis owes this region an invalidation. */
  private boolean owes() {
    return owed.owes();
  }

  /**
   * Pays what Redis owes: each owed key invalidated there and dropped here, the other nodes
   * told. One payer at a time.
   *
   * @return whether nothing is owed any more, so that Redis may be read
   */
  private boolean payOwed() {
    if (!owes()) {
      return true;
    }
    if (!paying.tryLock()) {
      return false; // another thread pays; this one goes on without Redis
    }
    try {
      Debts debts = owed.debts();
      if (debts.all()) {
        remote.invalidateAll();
        owed.paid(debts); // every key it listed too
        dropAllLocal();
        publish(null);
        debts = owed.debts(); // those made meanwhile
      }
      for (String escaped : debts.keys().keySet()) {
        remote.invalidate(escaped);
        owed.paid(debts, escaped);
        dropLocal(escaped);
        publish(escaped);
      }
      redisState.succeeded();
      return true;
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
      return false;
    } finally {
      paying.unlock();
    }
  }

  @Override
  public RegionStats stats() {
    long size;
    try {
      size = closed ? 0 : RegionHeap.size(heap);
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
