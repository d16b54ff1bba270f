// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.web.stats.StatsCollector;
import io.github.tenantfilter.web.stats.StatsPageConfig;
import io.github.tenantfilter.web.stats.StatsServlet;
import io.github.tenantfilter.web.stats.StatsView;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.EmptyRoleSemantic;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Registers the stats page ({@code tenant-filter.stats.enabled=true}) from the listener: the
 * servlet at {@code tenant-filter.stats.path} and {@code .json}, with a security constraint that
 * requires {@code tenant-filter.stats.role} (declared as a role of the application); its paths
 * are left out of tenant resolution, and the filter counts each request's tenant for it.
 * Authentication is the application's (its {@code login-config} or Jakarta Security).
 */
final class StatsPage {

  /** The servlet's name in the application. */
  static final String SERVLET_NAME = "tenant-filter-stats";

  private static final Logger LOG = Logger.getLogger(StatsPage.class.getName());

  private StatsPage() {}

  /**
   * Registers the page if enabled.
   *
   * @param fromListener whether called from {@code contextInitialized}, the only place a servlet
   *     may be added
   * @throws InvalidSettingException if a setting is invalid or the path is taken
   */
  static void register(TenantFilterRuntime runtime, ServletContext context,
      SettingsReader reader, boolean fromListener) {
    StatsPageConfig config = StatsPageConfig.read(reader);
    if (!config.enabled()) {
      return;
    }
    Engine engine = runtime.engine();
    if (engine == null) {
      LOG.info("tenant-filter: no stats page, the filter is disabled");
      return;
    }
    if (!fromListener) {
      LOG.warning("tenant-filter: " + Settings.STATS_ENABLED.name() + " is true, but the"
          + " stats page is registered by " + TenantFilterListener.class.getName()
          + ", which this application does not run (a web.xml with metadata-complete or an"
          + " absolute-ordering without tenant_filter): declare it in web.xml");
      return;
    }
    String application = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
    Map<String, String> settings = reader.shown();
    StatsCollector collector =
        new StatsCollector(config, runtime::getCacheStats, Clock.systemUTC(), engine.threads);
    StatsServlet servlet = new StatsServlet(
        () -> runtime.engine() == null ? null
            : view(application, collector, runtime.getCacheStats(), settings),
        config);
    ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, servlet);
    if (registration == null) {
      throw new InvalidSettingException(Settings.STATS_ENABLED.name(), Settings.STATS_ENABLED
          .name() + " is true, but the application already has a servlet named "
          + SERVLET_NAME);
    }
    Set<String> taken = registration.addMapping(config.path(), config.jsonPath());
    if (!taken.isEmpty()) {
      throw new InvalidSettingException(Settings.STATS_PATH.name(),
          Settings.STATS_PATH.name() + " is " + config.path() + " (from "
              + reader.origin(Settings.STATS_PATH) + "), but the application maps " + taken
              + " to another servlet: choose another path");
    }
    context.declareRoles(config.role());
    Set<String> governed = registration.setServletSecurity(new ServletSecurityElement(
        new HttpConstraintElement(EmptyRoleSemantic.PERMIT, TransportGuarantee.NONE,
            config.role())));
    if (!governed.isEmpty()) {
      LOG.warning("tenant-filter: web.xml has a security-constraint for " + governed + ", which"
          + " replaces the stats page's; the page still answers only users in the role "
          + config.role());
    }
    engine.startStats(collector, List.of(config.path(), config.jsonPath()));
    LOG.info("tenant-filter: stats page at " + context.getContextPath() + config.path()
        + " (and .json) for the role " + config.role() + ", sampled every "
        + config.interval().toSeconds() + " s");
  }

  private static StatsView view(String application, StatsCollector collector, CacheStats stats,
      Map<String, String> settings) {
    String redis = ReadinessProbe.redisState(stats);
    String breaker = !stats.redisEnabled() ? "none" : stats.redisCircuitOpen() ? "open" : "closed";
    return new StatsView(application, System.currentTimeMillis(),
        collector.config().interval().toSeconds(), stats, TenantFilterJmx.describe(stats),
        breaker, redis, collector.points(), collector.topTenants(), collector.tenantRequests(),
        settings);
  }
}
