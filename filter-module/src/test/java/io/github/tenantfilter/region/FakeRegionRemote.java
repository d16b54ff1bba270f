package io.github.tenantfilter.region;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A region's Redis in memory, with the same epoch and generation rules as {@link
 * RedisRegionTier}, that counts calls, can fail, and records what it published.
 */
final class FakeRegionRemote implements RegionRemote {

  final Map<String, String> values = new ConcurrentHashMap<>();
  final Map<String, Long> ttls = new ConcurrentHashMap<>();
  final AtomicLong epoch = new AtomicLong();
  final AtomicLong generation = new AtomicLong();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger fills = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger invalidations = new AtomicInteger();
  final List<String> published = new CopyOnWriteArrayList<>();
  volatile boolean down;
  volatile boolean circuitOpen;

  private void check() throws RegionUnavailable {
    if (circuitOpen) {
      throw new RegionUnavailable("circuit open", null, true);
    }
    if (down) {
      throw new RegionUnavailable("fake Redis is down", null, false);
    }
  }

  @Override
  public Read read(String key) throws RegionUnavailable {
    reads.incrementAndGet();
    check();
    return new Read(values.get(key), Long.toString(epoch.get()), Long.toString(generation.get()));
  }

  @Override
  public synchronized boolean fill(String key, String payload, long ttlSeconds, Read read)
      throws RegionUnavailable {
    fills.incrementAndGet();
    check();
    if (!read.epoch().equals(Long.toString(epoch.get()))) {
      return false;
    }
    values.put(key, read.generation() + "|" + payload);
    ttls.put(key, ttlSeconds);
    return true;
  }

  @Override
  public synchronized void put(String key, String payload, long ttlSeconds)
      throws RegionUnavailable {
    check();
    values.put(key, generation.get() + "|" + payload);
    ttls.put(key, ttlSeconds);
    epoch.incrementAndGet();
  }

  @Override
  public void delete(String key) throws RegionUnavailable {
    deletes.incrementAndGet();
    check();
    values.remove(key);
  }

  @Override
  public synchronized void invalidate(String key) throws RegionUnavailable {
    check();
    invalidations.incrementAndGet();
    values.remove(key);
    epoch.incrementAndGet();
  }

  @Override
  public synchronized void invalidateAll() throws RegionUnavailable {
    check();
    invalidations.incrementAndGet();
    generation.incrementAndGet();
    epoch.incrementAndGet();
  }

  @Override
  public void publish(String key) throws RegionUnavailable {
    check();
    published.add(key == null ? "*" : key);
  }
}
