// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The {@link CacheRegions} that applications inject: the regions of the application's running
 * tenant-filter. Internal: inject {@link CacheRegions}.
 */
@ApplicationScoped
public class TenantFilterRegions implements CacheRegions {

  @Inject TenantFilterRuntime runtime;

  @Override
  public <V> CacheRegion<V> region(String name, CacheSerializer<V> serializer, RegionSpec spec) {
    return runtime.regions().region(name, serializer, spec);
  }

  @Override
  public Optional<RegionView> find(String name) {
    return runtime.regions().find(name);
  }

  @Override
  public List<RegionView> regions() {
    return runtime.regions().all();
  }
}
