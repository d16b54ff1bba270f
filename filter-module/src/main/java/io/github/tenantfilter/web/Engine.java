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

  Engine(TenantFilterConfig config, TenantLookup lookup) {
    this.config = config;
    this.identifier =
        new TenantIdentifier(config.baseDomains(), config.customDomains(), config.idHeader());
    this.exclusions = new PathExclusions(config.excludePaths());
    this.lookup = lookup;
    this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
  }

  @Override
  public void close() {
    lookup.close();
  }
}
