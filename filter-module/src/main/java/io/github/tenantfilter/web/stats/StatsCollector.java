// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.internal.util.BackgroundThreads;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the stats page needs over time: the busiest tenants, counted on the request path ({@link
 * #record}), and a sample of the cache counters every {@code tenant-filter.stats.interval}, taken
 * by one thread {@value #THREAD_NAME} (the server's where it offers them, {@link
 * BackgroundThreads}) that {@link #close()} stops (with the application).
 *
 * <pre>{@code
 * StatsCollector stats =
 *     new StatsCollector(config, runtime::getCacheStats, Clock.systemUTC(), threads);
 * stats.start();
 * stats.record("acme");   // per request
 * stats.close();          // on undeploy
 * }</pre>
 */
public final class StatsCollector implements AutoCloseable {

  /** The sampling thread's name. */
  public static final String THREAD_NAME = "tenant-filter-stats";

  private static final Logger LOG = Logger.getLogger(StatsCollector.class.getName());

  private final StatsPageConfig config;
  private final Supplier<CacheStats> stats;
  private final Clock clock;
  private final TopTenants top;
  private final HitRateHistory history;
  private final BackgroundThreads threads;
  private ScheduledExecutorService sampler;

  /**
   * A collector that samples {@code stats} on a thread of {@code threads}; nothing runs before
   * {@link #start()}.
   */
  public StatsCollector(StatsPageConfig config, Supplier<CacheStats> stats, Clock clock,
      BackgroundThreads threads) {
    this.config = config;
    this.threads = threads;
    this.stats = stats;
    this.clock = clock;
    this.top = new TopTenants(config.tracked(), TopTenants.defaultStripes());
    this.history = new HitRateHistory(config.history());
  }

  /** Takes the first sample and starts sampling every interval. */
  public synchronized void start() {
    if (sampler != null) {
      return;
    }
    sample();
    sampler = Executors.newSingleThreadScheduledExecutor(threads.named(THREAD_NAME));
    long interval = config.interval().toMillis();
    sampler.scheduleAtFixedRate(this::sampleSafely, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** Counts one request resolved to {@code tenantId}. */
  public void record(String tenantId) {
    top.record(tenantId);
  }

  /** Adds a sample of the counters now (the sampling thread's work; tests call it directly). */
  void sample() {
    history.add(HitRateHistory.Sample.of(clock.millis(), stats.get()));
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      // one failed sample must not end the schedule
      LOG.log(Level.WARNING, "tenant-filter: sampling the cache statistics failed", e);
    }
  }

  /** The hit rates per interval, oldest first. */
  public List<HitRateHistory.Point> points() {
    return history.points();
  }

  /** The busiest tenants, as many as {@code tenant-filter.stats.top}. */
  public List<TopTenants.Entry> topTenants() {
    return top.top(config.top());
  }

  /** Requests counted. */
  public long tenantRequests() {
    return top.total();
  }

  /** The settings it runs with. */
  public StatsPageConfig config() {
    return config;
  }

  /** Stops the sampling thread and waits (briefly) until it has ended. */
  @Override
  public synchronized void close() {
    if (sampler == null) {
      return;
    }
    sampler.shutdownNow();
    try {
      if (!sampler.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warning("tenant-filter: the stats sampling thread did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampler = null;
  }
}
