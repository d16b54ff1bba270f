// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.ForwardedHostHeader;
import java.util.logging.Logger;

/** What the log says once at start about settings that work but may not do what was meant. */
final class StartupWarnings {

  private static final Logger LOG = Logger.getLogger(StartupWarnings.class.getName());

  private StartupWarnings() {}

  static void log(TenantFilterConfig config, boolean hasRedis) {
    String forwarding = ServerForwardingCheck.check(!config.trustedProxies().isEmpty());
    if (forwarding != null) {
      LOG.warning(forwarding);
    }
    if (!config.trustedProxies().isEmpty()
        && config.trustedProxiesHostHeader() == ForwardedHostHeader.NONE) {
      LOG.warning("tenant-filter: " + Settings.TRUSTED_PROXIES.name() + " is set, but "
          + Settings.TRUSTED_PROXIES_HOST_HEADER.name() + " is none: the tenant comes from Host,"
          + " and no forwarded header is read. Set it to the header your proxies write the"
          + " client's host into (forwarded or x-forwarded-host).");
    }
    if (!hasRedis) {
      LOG.info("tenant-filter: no Redis configured (" + Settings.REDIS_URL.name()
          + " / REDIS_URL): the heap tier and the tenant store serve every lookup");
    }
  }
}
