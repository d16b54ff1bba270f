package io.github.tenantfilter.web;

import io.github.tenantfilter.cache.TenantLookup;
import io.github.tenantfilter.config.TenantFilterConfig;
import io.github.tenantfilter.resolve.TenantIdentifier;

/** Everything the filter needs for a request, built once at startup. */
final class Engine implements AutoCloseable {

  final TenantFilterConfig config;
  final TenantIdentifier identifier;
  final PathExclusions exclusions;
  final TenantLookup lookup;
  final String retryAfterSeconds;
  private final AutoCloseable storeResources;

  Engine(TenantFilterConfig config, TenantLookup lookup, AutoCloseable storeResources) {
    this.storeResources = storeResources;
    this.config = config;
    this.identifier =
        new TenantIdentifier(config.baseDomains(), config.customDomains(), config.idHeader());
    this.exclusions = new PathExclusions(config.excludePaths());
    this.lookup = lookup;
    this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
  }

  @Override
  public void close() {
    try {
      lookup.close();
    } finally {
      if (storeResources != null) {
        try {
          storeResources.close();
        } catch (Exception e) {
          java.util.logging.Logger.getLogger(Engine.class.getName())
              .warning("tenant-filter: closing the store failed: " + e);
        }
      }
    }
  }
}
