// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.internal.resolve.LookupKey;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tenant cache's calls to its store: by the key's kind, counted, every failure a {@link
 * TenantStoreException}, and the store going away (and coming back) logged once.
 */
final class StoreReads {

  private static final Logger LOG = Logger.getLogger(StoreReads.class.getName());

  private final TenantStore store;
  private final Stats stats;
  private final AtomicBoolean storeAvailable = new AtomicBoolean(true);

  StoreReads(TenantStore store, Stats stats) {
    this.store = Objects.requireNonNull(store);
    this.stats = stats;
  }

  /**
   * The store's answer for {@code key}.
   *
   * @throws TenantStoreException if it failed in any way (a {@link LinkageError} too)
   */
  Optional<Tenant> find(LookupKey key) {
    stats.loads.increment();
    try {
      Optional<Tenant> found =
          switch (key.kind()) {
            case ID -> store.findById(key.value());
            case SUBDOMAIN -> store.findBySubdomain(key.value());
            case DOMAIN -> store.findByDomain(key.value());
          };
      if (storeAvailable.compareAndSet(false, true)) {
        LOG.info("tenant-filter: the tenant store answers again");
      }
      return Objects.requireNonNullElse(found, Optional.empty());
    } catch (TenantStoreException e) {
      storeFailed(e);
      throw e;
    } catch (RuntimeException | LinkageError e) {
      // a LinkageError: a store whose classes went away (a redeploy), a 503 like any other
      storeFailed(e);
      throw new TenantStoreException("the tenant store failed", e);
    }
  }

  private void storeFailed(Throwable e) {
    stats.loadErrors.increment();
    if (storeAvailable.compareAndSet(true, false)) {
      LOG.log(Level.WARNING, "tenant-filter: the tenant store cannot answer (" + e.getMessage()
          + "); cached tenants are served (past their TTL within the stale-if-error window),"
          + " others get 503 until it does", e);
    }
  }
}
