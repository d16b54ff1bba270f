// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.internal.engine.Coherence;
import io.github.tenantfilter.internal.engine.ReadThrough;
import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;
import io.github.tenantfilter.internal.resolve.LookupKey;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * The tenant cache's part of the engine's read path ({@link ReadThrough}): its codec (a value in
 * Redis carries how long it is fresh, and is checked against the key it was read for), its store
 * (every failure a {@link TenantStoreException}, which stale-if-error answers), and its heap
 * tier's layout (an index per tenant; what the store does not have, or has unusable, remembered
 * as a negative entry). What a named region has in their place is in {@code TieredRegion}.
 */
final class TenantReadSteps implements ReadThrough.Steps<LookupKey, Tenant> {

  /** The tenant cache's logger, as operators configure it. */
  private static final Logger LOG = Logger.getLogger(TenantLookup.class.getName());

  private final LocalTier local;
  /** Redis through the circuit breaker, or {@code null} without Redis. */
  private final SharedTier remote;
  private final StoreReads store;
  private final TenantCodec codec;
  private final TenantRecords records;
  private final Clock clock;
  /** How long a tenant in Redis is fresh, the jitter's source, and how long it stays past that. */
  private final Duration redisTtl;
  private final DoubleSupplier random;
  private final long staleSeconds;
  private final Stats stats;
  private final Coherence coherence;

  TenantReadSteps(TenantTiers tiers, StoreReads store, Clock clock, Stats stats,
      Coherence coherence) {
    this.local = tiers.local();
    this.remote = tiers.remote();
    this.store = store;
    this.codec = tiers.codec();
    this.records = new TenantRecords(codec);
    this.clock = clock;
    this.redisTtl = tiers.redisTtl();
    this.random = tiers.random();
    this.staleSeconds = Math.max(0, tiers.staleIfError().toSeconds());
    this.stats = stats;
    this.coherence = coherence;
  }

  @Override
  public ReadThrough.Cached<Tenant> decode(LookupKey key, SharedTier.Read read) {
    TenantCodec.Value cached = fromRemote(key, read);
    return cached == null ? null
        : new ReadThrough.Cached<>(cached.tenant(), cached.freshUntil() > clock.millis());
  }

  @Override
  public Tenant load(LookupKey key) {
    return store.find(key).orElse(null);
  }

  @Override
  public Tenant accept(LookupKey key, Tenant loaded, long generation) {
    try {
      return records.check(key, loaded, true);
    } catch (TenantRecords.InvalidRecordException e) {
      LOG.severe("tenant-filter: the store returned an unusable record for " + key + ": "
          + e.getMessage() + " (answering 503 until it is fixed)");
      putNegative(key, LocalEntry.Kind.INVALID, generation);
      throw new TenantStoreException("the tenant record for this key is invalid");
    }
  }

  @Override
  public void none(LookupKey key, long generation) {
    stats.storeNotFound.increment();
    putNegative(key, LocalEntry.Kind.NOT_FOUND, generation);
  }

  @Override
  public void fill(LookupKey key, Tenant tenant, String epoch) throws RemoteUnavailable {
    long ttl = SharedTier.jitteredSeconds(redisTtl, random);
    // fresh for the Redis TTL less up to 10 % jitter, kept for the stale-if-error window past it
    remote.fill(key.cacheKey(), codec.encode(tenant, clock.millis() + ttl * 1000),
        ttl + staleSeconds, epoch, tenant.id());
  }

  @Override
  public void putLocal(LookupKey key, Tenant tenant) {
    local.putTenant(key.cacheKey(), tenant);
  }

  @Override
  public void removeLocal(LookupKey key) {
    local.remove(key.cacheKey());
  }

  /** Decodes and checks a Redis value; a corrupt or foreign value is deleted and ignored. */
  private TenantCodec.Value fromRemote(LookupKey key, SharedTier.Read read) {
    if (read.value() == null && !read.malformed()) {
      return null; // a miss, or dead
    }
    try {
      if (read.malformed()) {
        throw new IllegalArgumentException("no value of the protocol");
      }
      TenantCodec.Value decoded = codec.decodeValue(read.value());
      return new TenantCodec.Value(
          records.check(key, decoded.tenant(), false), decoded.freshUntil());
    } catch (RuntimeException | TenantRecords.InvalidRecordException e) {
      stats.redisErrors.increment();
      LOG.warning("tenant-filter: ignoring and deleting a Redis value for " + key
          + " that cannot be used: " + e.getMessage());
      coherence.call(() -> remote.delete(key.cacheKey()));
      return null;
    }
  }

  private void putNegative(LookupKey key, LocalEntry.Kind kind, long startGeneration) {
    coherence.putIfCurrent(startGeneration,
        () -> local.putNegative(key.cacheKey(), kind), () -> local.remove(key.cacheKey()));
  }
}
