// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers and unregisters the {@link TenantFilterMXBean} of one application. */
final class TenantFilterJmx implements TenantFilterMXBean, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TenantFilterJmx.class.getName());

  private final TenantCache cache;
  private final Map<String, String> settings;
  private final MBeanServer server;
  private final ObjectName name;

  private TenantFilterJmx(TenantCache cache, Map<String, String> settings, MBeanServer server,
      ObjectName name) {
    this.cache = cache;
    this.settings = Map.copyOf(settings);
    this.server = server;
    this.name = name;
  }

  /** The name of an application's bean: its context path ({@code /} for the root). */
  static ObjectName nameFor(String application) throws JMException {
    String app = application == null || application.isEmpty() ? "/" : application;
    return new ObjectName("io.github.tenantfilter:type=TenantFilter,application="
        + ObjectName.quote(app));
  }

  /**
   * Registers the bean for {@code application} in the platform MBean server.
   *
   * @return it, to close on undeploy; {@code null} if it could not be registered (logged)
   */
  static TenantFilterJmx register(TenantCache cache, Map<String, String> settings,
      String application) {
    return register(cache, settings, application, ManagementFactory.getPlatformMBeanServer());
  }

  static TenantFilterJmx register(TenantCache cache, Map<String, String> settings,
      String application, MBeanServer server) {
    try {
      ObjectName name = nameFor(application);
      TenantFilterJmx bean = new TenantFilterJmx(cache, settings, server, name);
      if (server.isRegistered(name)) {
        // left by an earlier deployment of the same application that did not stop cleanly
        server.unregisterMBean(name);
      }
      server.registerMBean(bean, name);
      LOG.info("tenant-filter: JMX bean " + name);
      return bean;
    } catch (JMException | RuntimeException e) {
      LOG.log(Level.WARNING, "tenant-filter: cannot register the JMX bean: " + e);
      return null;
    }
  }

  ObjectName name() {
    return name;
  }

  @Override
  public void close() {
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (JMException e) {
      LOG.warning("tenant-filter: cannot unregister " + name + ": " + e);
    }
  }

  @Override
  public Map<String, String> getCacheStats() {
    return describe(cache.getCacheStats());
  }

  /** Every counter of {@code stats} by name, then the hit rate and the queries avoided. */
  static Map<String, String> describe(CacheStats stats) {
    Map<String, String> values = new LinkedHashMap<>();
    for (RecordComponent component : CacheStats.class.getRecordComponents()) {
      try {
        values.put(component.getName(), String.valueOf(component.getAccessor().invoke(stats)));
      } catch (ReflectiveOperationException e) {
        values.put(component.getName(), "?");
      }
    }
    values.put("hitRate", Double.toString(stats.hitRate()));
    values.put("storeQueriesAvoided", Long.toString(stats.storeQueriesAvoided()));
    return values;
  }

  @Override
  public long getLookups() {
    return cache.getCacheStats().lookups();
  }

  @Override
  public long getLocalHits() {
    CacheStats stats = cache.getCacheStats();
    return stats.localHits() + stats.negativeHits();
  }

  @Override
  public long getRedisHits() {
    return cache.getCacheStats().redisHits();
  }

  @Override
  public long getStoreLoads() {
    return cache.getCacheStats().storeLoads();
  }

  @Override
  public double getHitRate() {
    return cache.getCacheStats().hitRate();
  }

  @Override
  public long getLocalSize() {
    return cache.getCacheStats().localSize();
  }

  @Override
  public boolean isRedisCircuitOpen() {
    return cache.getCacheStats().redisCircuitOpen();
  }

  @Override
  public Map<String, String> getSettings() {
    return settings;
  }

  @Override
  public void invalidateTenantCache(String tenantId) {
    cache.invalidateTenantCache(tenantId);
  }

  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }
}
