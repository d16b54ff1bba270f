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
  private AutoCloseable listener;
  /** The store's notification listener, or null. */
  io.github.tenantfilter.store.PostgresNotificationListener storeListener;

  Engine(TenantFilterConfig config, TenantLookup lookup, AutoCloseable storeResources) {
    this.storeResources = storeResources;
    this.config = config;
    this.identifier =
        new TenantIdentifier(config.baseDomains(), config.customDomains(), config.idHeader(),
            config.headerSources(), config.trustedProxies(), config.ipHosts());
    this.exclusions = new PathExclusions(config.excludePaths());
    this.lookup = lookup;
    this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
  }

  /** Something to stop before the tiers (the store's notification listener). */
  void stopFirst(AutoCloseable listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    if (listener != null) {
      try {
        listener.close();
      } catch (Exception e) {
        java.util.logging.Logger.getLogger(Engine.class.getName())
            .warning("tenant-filter: stopping the notification listener failed: " + e);
      }
    }
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
