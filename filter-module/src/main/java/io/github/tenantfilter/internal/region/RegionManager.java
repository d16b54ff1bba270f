// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.internal.cache.SharedRedis;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.RegionSettings;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.engine.RemoteHealth;
import io.github.tenantfilter.internal.engine.SharedTier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The cache regions of one application: creates them on first use (with the operator's
 * settings applied), lists them with the tenant cache first, routes other nodes' invalidations
 * to them, and closes them with the application. Owned by the filter's runtime; applications
 * use it through {@link CacheRegions}. Internal.
 *
 * <pre>{@code
 * RegionManager regions = RegionManager.create(lookup, config, reader, Clock.systemUTC());
 * CacheRegion<String> r = regions.region("plans", CacheSerializer.strings(), spec);
 * }</pre>
 */
public final class RegionManager implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RegionManager.class.getName());

  /** A region and the spec the code asked for (before the settings). */
  private record Entry(TieredRegion<?> region, RegionSpec requested) {}

  /** Redis for a region's name, or {@code null} without Redis. */
  private final Function<String, SharedTier> remotes;
  private final RemoteHealth health;
  private final SettingsReader settings;
  private final Clock clock;
  private final DoubleSupplier random;
  /** The tenant cache, or {@code null} when the filter is disabled. */
  private final RegionView tenant;
  private final Map<String, Entry> regions = new ConcurrentHashMap<>();
  private RegionHeap heap;
  private volatile boolean closed;

  RegionManager(Function<String, SharedTier> remotes, String where, SettingsReader settings,
      Clock clock, DoubleSupplier random, RegionView tenant) {
    this.remotes = remotes;
    this.health = new RemoteHealth(where, "the cache regions", "the heap tier and their loaders");
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
    this.random = random;
    this.tenant = tenant;
  }

  /**
   * The regions beside {@code lookup}: sharing its Redis client, breaker, key prefix and
   * invalidation channel when it has Redis.
   *
   * @param settings where the operator's region settings are read
   */
  public static RegionManager create(TenantLookup lookup, TenantFilterConfig config,
      SettingsReader settings, Clock clock) {
    SharedRedis redis = lookup.sharedRedis();
    RegionManager manager =
        new RegionManager(
            redis == null ? null : name -> new RedisRegionTier(redis, name),
            redis == null ? "none" : redis.describe(),
            settings,
            clock,
            () -> ThreadLocalRandom.current().nextDouble(),
            new TenantRegionView(lookup, config));
    if (redis != null) {
      redis.listen(manager.new Listener());
    }
    return manager;
  }

  /** Regions with no Redis and no tenant cache: the filter is disabled. */
  public static RegionManager heapOnly(SettingsReader settings, Clock clock) {
    return new RegionManager(null, "none", settings, clock,
        () -> ThreadLocalRandom.current().nextDouble(), null);
  }

  /**
   * The region {@code name}, created on the first call.
   *
   * @throws IllegalArgumentException see {@link CacheRegions#region}
   * @throws IllegalStateException see {@link CacheRegions#region}
   */
  @SuppressWarnings("unchecked")
  public synchronized <V> CacheRegion<V> region(
      String name, CacheSerializer<V> serializer, RegionSpec spec) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(serializer, "serializer");
    Objects.requireNonNull(spec, "spec");
    RegionSettings.checkName(name);
    if (CacheRegions.TENANT.equals(name)) {
      throw new IllegalArgumentException("the region name " + CacheRegions.TENANT
          + " is the tenant cache's; choose another");
    }
    if (closed) {
      throw new IllegalStateException("tenant-filter has stopped with its application");
    }
    Entry existing = regions.get(name);
    if (existing != null) {
      if (!existing.requested.equals(spec)) {
        throw new IllegalStateException("cache region " + name + " exists with "
            + existing.requested + ", not " + spec);
      }
      return (CacheRegion<V>) existing.region;
    }
    RegionSpec effective = RegionSettings.apply(settings, name, spec);
    if (heap == null) {
      heap = new RegionHeap(clock);
    }
    TieredRegion<V> region =
        new TieredRegion<>(name, effective, serializer,
            heap.create(name, effective.localSize(), effective.localTtl()),
            remotes == null ? null : remotes.apply(name), health, random);
    region.prepareRemote();
    regions.put(name, new Entry(region, spec));
    LOG.info("tenant-filter: cache region " + name + " created with " + effective
        + (effective.equals(spec) ? "" : " (settings applied to " + spec + ")")
        + (remotes == null ? ", heap tier only (no Redis)" : ""));
    return region;
  }

  /** A region of strings: {@code region(name, CacheSerializer.strings(), spec)}. */
  public CacheRegion<String> region(String name, RegionSpec spec) {
    return region(name, CacheSerializer.strings(), spec);
  }

  /** The region {@code name}, the tenant cache included, if it exists. */
  public Optional<RegionView> find(String name) {
    if (tenant != null && tenant.name().equals(name)) {
      return Optional.of(tenant);
    }
    Entry entry = name == null ? null : regions.get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.region);
  }

  /** Every region, the tenant cache first, then by name. */
  public List<RegionView> all() {
    List<RegionView> all = new ArrayList<>();
    if (tenant != null) {
      all.add(tenant);
    }
    regions.values().stream()
        .map(Entry::region)
        .sorted(Comparator.comparing(TieredRegion::name))
        .forEach(all::add);
    return all;
  }

  /** What the invalidation channel brings from other nodes. */
  private final class Listener implements SharedRedis.RegionListener {
    @Override
    public void regionInvalidated(String region, String key) {
      Entry entry = regions.get(region);
      if (entry != null && RegionKeys.isEscaped(key)) {
        entry.region.heard(key);
      }
    }

    @Override
    public void regionCleared(String region) {
      Entry entry = regions.get(region);
      if (entry != null) {
        entry.region.heardAll();
      }
    }

    @Override
    public void resubscribed() {
      regions.values().forEach(entry -> entry.region.resubscribed());
    }
  }

  /** Receives another node's message (the seam for tests: the real one comes over pub/sub). */
  SharedRedis.RegionListener listener() {
    return new Listener();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    regions.values().forEach(entry -> entry.region.close());
    if (heap != null) {
      heap.close();
    }
  }
}
