// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantCache;
import io.github.tenantfilter.api.TenantKeyResolver;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.cache.RedisCircuitBreaker;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.config.StoreDownReadiness;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.region.RegionManager;
import io.github.tenantfilter.internal.util.BackgroundThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The application's tenant-filter: started once per web application from its settings, it owns
 * the cache tiers and the store, and is the {@link TenantCache} that applications inject.
 * Internal: inject {@link TenantCache}.
 */
@ApplicationScoped
public class TenantFilterRuntime implements TenantCache {

  private static final Logger LOG = Logger.getLogger(TenantFilterRuntime.class.getName());
  /** How long a start waits for the invalidation channels (never longer, never fails). */
  private static final Duration CHANNELS_AT_START = Duration.ofSeconds(2);

  @Inject @Any Instance<TenantStore> applicationStores;
  @Inject RedisCircuitBreaker breaker;
  /** The application's own strategies for naming a request's tenant. */
  @Inject @Any Instance<TenantKeyResolver> keyResolvers;
  /**
   * The container's {@code HttpServletRequest} bean, for {@link RequestTenant}: held by this one
   * bean rather than injected into every request's {@code RequestTenant}.
   */
  @Inject Instance<HttpServletRequest> servletRequests;
  /** Whether {@link #servletRequests} resolves (asked once: the beans do not change). */
  private volatile Boolean servletRequestBean;
  private TenantFilterJmx jmx;

  private volatile Engine engine;
  /** The running engine's tenant store (for the readiness check), or null. */
  private volatile TenantStore store;
  private volatile boolean started;
  /** The named cache regions (the tenant cache among them); null until started. */
  private volatile RegionManager regions;
  /** Where the operator's region settings are read; null: the process-wide sources. */
  private volatile SettingsReader regionSettings;
  /** Wraps the store the settings choose: the identity, but for fault-injecting tests. */
  private UnaryOperator<TenantStore> storeDecorator =
      UnaryOperator.identity();

  /**
   * The tenant the filter set on the servlet request being served (its request attribute), read
   * through the container's request-scoped {@code HttpServletRequest} bean; empty where there is
   * no such bean or no servlet request behind the active request context. For {@link
   * RequestTenant}.
   */
  public Optional<Tenant> servletRequestTenant() {
    Instance<HttpServletRequest> requests = servletRequests;
    if (requests == null) {
      return Optional.empty();
    }
    Boolean resolvable = servletRequestBean;
    if (resolvable == null) {
      resolvable = requests.isResolvable();
      servletRequestBean = resolvable;
    }
    if (resolvable) {
      try {
        return CurrentTenant.of(requests.get());
      } catch (RuntimeException e) {
        // no servlet request behind this request context
      }
    }
    return Optional.empty();
  }

  /**
   * Starts with {@code config}; does nothing if already started.
   *
   * @throws InvalidSettingException if there is no usable tenant store
   */
  public synchronized void start(TenantFilterConfig config, ClassLoader loader) {
    if (started) {
      return;
    }
    if (!config.enabled()) {
      regions = RegionManager.heapOnly(regionSettings(), Clock.systemUTC());
      started = true;
      LOG.info("tenant-filter: disabled (" + Settings.ENABLED.name() + "=false)");
      return;
    }
    if (config.redisUrl() != null) {
      FaultToleranceCheck.require(breaker);
    }
    if (config.jwtClaim() != null) {
      JwtClaims.requireApi(loader, config.jwtClaim());
    }
    TenantStores.Chosen chosen = TenantStores.choose(applicationStores, config, loader);
    // here, on the thread that deploys the application: java:comp is only found on such a
    // thread, and every later thread comes from what is found now
    BackgroundThreads threads = BackgroundThreads.fromContainer(loader);
    start(config, storeDecorator.apply(chosen.store()), Clock.systemUTC(), chosen.resources(),
        breaker, threads, KeyResolvers.ordered(keyResolvers));
    if (config.logMdc() != null) {
      engine.logContext = LogContext.find(config.logMdc(), loader);
    }
    if (config.storeNotifyChannel() != null) {
      StoreNotifications.start(engine, config, chosen.dataSource(), loader);
    }
    awaitChannelsBriefly();
  }

  /**
   * Waits a little for the invalidation channels, so that the first requests find a node that
   * hears changes: until then Redis's values are not trusted (the store answers), and what was
   * loaded is dropped when the channels come up. Never fails the start: Redis or the database may
   * be down now, and the channels come up in the background when they are back.
   */
  private void awaitChannelsBriefly() {
    try {
      if (!awaitInvalidationChannels(CHANNELS_AT_START)) {
        LOG.info("tenant-filter: the invalidation channels are not up yet; until they are, Redis's"
            + " values are not trusted and the tenant store answers the heap tier's misses");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts with a given store and clock, without a circuit breaker, on plain daemon threads (the
   * seam for tests and the standalone filter: no container).
   */
  synchronized void start(TenantFilterConfig config, TenantStore store, Clock clock) {
    start(config, store, clock, null, null, BackgroundThreads.plain(), List.of());
    if (config.logMdc() != null) {
      engine.logContext = LogContext.find(config.logMdc(), getClass().getClassLoader());
    }
  }

  private void start(
      TenantFilterConfig config,
      TenantStore store,
      Clock clock,
      AutoCloseable resources,
      RedisCircuitBreaker circuitBreaker,
      BackgroundThreads threads,
      List<TenantKeyResolver> resolvers) {
    TenantLookup lookup = TenantLookup.create(config, store, clock, circuitBreaker, threads);
    engine = new Engine(config, lookup, resources, threads, resolvers);
    regions = RegionManager.create(lookup, config, regionSettings(), clock);
    this.store = store;
    started = true;
    LOG.info("tenant-filter: started with " + config);
    StartupWarnings.log(config, lookup.hasRemoteTier());
  }

  /** Wraps the store that {@link #start} chooses (the seam for fault-injecting tests). */
  synchronized void decorateStore(UnaryOperator<TenantStore> decorator) {
    this.storeDecorator = Objects.requireNonNull(decorator);
  }

  /** Reads the operator's region settings from {@code reader} (the application's sources). */
  void useSettings(SettingsReader reader) {
    this.regionSettings = reader;
  }

  private SettingsReader regionSettings() {
    SettingsReader reader = regionSettings;
    return reader != null
        ? reader
        : SettingsReader.standard(Map.of(), Map.of(),
            getClass().getClassLoader());
  }

  /**
   * The named cache regions.
   *
   * @throws IllegalStateException if not started
   */
  RegionManager regions() {
    RegionManager running = regions;
    if (running == null) {
      throw new IllegalStateException(
          "tenant-filter has not started: it starts with the web application");
    }
    return running;
  }

  /** Registers the JMX bean of this application (closed by {@link #stop()}). */
  synchronized void registerJmx(String application, Map<String, String> settings) {
    if (jmx == null) {
      jmx = TenantFilterJmx.register(this, settings, application);
    }
  }

  /** Releases the tiers (Redis connections, heap caches) and the JMX bean. */
  @PreDestroy
  public synchronized void stop() {
    if (jmx != null) {
      jmx.close();
      jmx = null;
    }
    Engine running = engine;
    engine = null;
    store = null;
    started = false;
    RegionManager ownRegions = regions;
    regions = null;
    if (ownRegions != null) {
      ownRegions.close(); // before the tiers: the regions use the tenant cache's Redis client
    }
    if (running != null) {
      running.close();
      LOG.info("tenant-filter: stopped");
    }
  }

  /**
   * Waits until this node hears invalidations from other nodes (Redis pub/sub) and from the
   * database (LISTEN), where configured.
   *
   * @return whether both were ready in time
   */
  public boolean awaitInvalidationChannels(Duration timeout) throws InterruptedException {
    Engine running = engine;
    if (running == null) {
      return true;
    }
    return running.lookup.awaitInvalidationChannel(timeout)
        && (running.storeListener == null || running.storeListener.awaitListening(timeout));
  }

  /** Whether {@link #start} has run. */
  public boolean isStarted() {
    return started;
  }

  /** The running engine's tenant store, or {@code null} when disabled or not started. */
  TenantStore store() {
    return store;
  }

  /** Whether the running engine could serve cached tenants without the store (readiness). */
  boolean servesCachedTenants() {
    Engine running = engine;
    return running != null && running.lookup.servesCachedTenants();
  }

  /**
   * What readiness says while the store is down: the running engine's setting ({@code DOWN} when
   * none runs, as while it stops).
   */
  StoreDownReadiness readinessStoreDown() {
    Engine running = engine;
    return running != null ? running.config.readinessStoreDown() : StoreDownReadiness.DOWN;
  }

  /** The running engine, or {@code null} when disabled or not started. */
  Engine engine() {
    return engine;
  }

  @Override
  public void invalidateTenantCache(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    Engine running = running();
    if (running != null) {
      running.lookup.invalidate(tenantId);
    }
  }

  @Override
  public void invalidateAll() {
    Engine running = running();
    if (running != null) {
      running.lookup.invalidateAll();
    }
  }

  @Override
  public CacheStats getCacheStats() {
    Engine running = engine;
    return running == null ? CacheStats.empty() : running.lookup.stats();
  }

  private Engine running() {
    if (!started) {
      throw new IllegalStateException(
          "tenant-filter has not started: it starts with the web application");
    }
    return engine;
  }
}
