// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.api.TenantStoreException;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant store that fails on demand, around the real one: {@code faults.get("mode")} is {@code
 * null} (answer), {@code "slow:<millis>"} (answer after that long), {@code "fail"} (a {@link
 * TenantStoreException}), {@code "runtime"} (an unexpected {@link IllegalStateException}) or
 * {@code "error"} (a {@link NoClassDefFoundError}, as a store whose classes went away would
 * throw). The map holds JDK types only, so that a test in another class loader can change it.
 */
final class FaultyStore implements TenantStore {

  private final TenantStore store;
  private final Map<String, Object> faults;

  FaultyStore(TenantStore store, Map<String, Object> faults) {
    this.store = store;
    this.faults = faults;
  }

  private void fault() {
    if (!(faults.get("mode") instanceof String mode)) {
      return;
    }
    if (mode.startsWith("slow:")) {
      try {
        Thread.sleep(Long.parseLong(mode.substring(5)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    switch (mode) {
      case "fail" -> throw new TenantStoreException("injected store failure");
      case "runtime" -> throw new IllegalStateException("injected unexpected store failure");
      case "error" -> throw new NoClassDefFoundError("injected/Gone");
      default -> { }
    }
  }

  @Override
  public Optional<Tenant> findById(String id) {
    fault();
    return store.findById(id);
  }

  @Override
  public Optional<Tenant> findBySubdomain(String subdomain) {
    fault();
    return store.findBySubdomain(subdomain);
  }

  @Override
  public Optional<Tenant> findByDomain(String domain) {
    fault();
    return store.findByDomain(domain);
  }
}
