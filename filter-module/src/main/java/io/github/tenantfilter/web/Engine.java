// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.TenantKeyResolver;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.TenantIdentifier;
import io.github.tenantfilter.internal.store.PostgresNotificationListener;
import io.github.tenantfilter.internal.util.BackgroundThreads;
import io.github.tenantfilter.web.stats.StatsCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Everything the filter needs for a request, built once at startup. */
final class Engine implements AutoCloseable {

  final TenantFilterConfig config;
  final TenantIdentifier identifier;
  /** Paths served without a tenant (the settings', and the stats page's once it runs). */
  volatile PathExclusions exclusions;
  final TenantLookup lookup;
  final String retryAfterSeconds;
  /** Where the request's tenant id goes into the logging context, or null (off). */
  volatile LogContext logContext;
  /** The claim of a verified JWT that names the user's tenant, or null (off). */
  final String jwtClaim;
  /** Where background threads come from (the stats sampler's, the store listener's). */
  final BackgroundThreads threads;
  private final AutoCloseable storeResources;
  private AutoCloseable listener;
  /** The stats page's collector, which counts each request's tenant, or null (off). */
  volatile StatsCollector stats;
  /** The store's notification listener, or null. */
  PostgresNotificationListener storeListener;

  Engine(TenantFilterConfig config, TenantLookup lookup, AutoCloseable storeResources,
      BackgroundThreads threads, List<TenantKeyResolver> resolvers) {
    this.storeResources = storeResources;
    this.threads = threads;
    this.config = config;
    this.identifier =
        new TenantIdentifier(config.baseDomains(), config.customDomains(), config.idHeader(),
            config.headerSources(), config.trustedProxies(), config.trustedProxiesHostHeader(),
            config.ipHosts(), config.pathPrefix(), config.pathForward(), resolvers,
            config.defaultTenant());
    this.exclusions = new PathExclusions(config.excludePaths());
    this.lookup = lookup;
    this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
    this.jwtClaim = config.jwtClaim();
  }

  /** Starts counting for the stats page, whose {@code paths} need no tenant. */
  void startStats(StatsCollector collector,
      List<String> paths) {
    List<String> excluded = new ArrayList<>(config.excludePaths());
    excluded.addAll(paths);
    exclusions = new PathExclusions(excluded);
    stats = collector;
    collector.start();
  }

  /** Something to stop before the tiers (the store's notification listener). */
  void stopFirst(AutoCloseable listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    if (stats != null) {
      stats.close();
    }
    if (listener != null) {
      try {
        listener.close();
      } catch (Exception e) {
        Logger.getLogger(Engine.class.getName())
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
          Logger.getLogger(Engine.class.getName())
              .warning("tenant-filter: closing the store failed: " + e);
        }
      }
    }
  }
}
