// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.util.BackgroundThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Refresh-ahead: a hot tenant is reloaded in the background during the last part of its heap TTL,
 * so that it never expires on a request's path. One background thread ({@link
 * BackgroundThreads}: the server's where it offers them), started with the application when
 * refresh-ahead is on; at most 1,000 refreshes queued (a refused one is left for the request that
 * finds the entry expired).
 */
final class RefreshAhead implements AutoCloseable {

  /** The refresher's name. */
  static final String THREAD_NAME = "tenant-filter-refresh-ahead";

  private final long windowMillis;
  private final ThreadPoolExecutor thread;

  /**
   * Refreshes in the last {@code percent} of {@code ttlMillis} (0: never), on one thread of
   * {@code threads}, made by {@link #start} and kept until {@link #close}.
   */
  RefreshAhead(int percent, long ttlMillis, BackgroundThreads threads) {
    this.windowMillis = ttlMillis * percent / 100;
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(1000), threads.named(THREAD_NAME));
  }

  /**
   * Makes and starts the refresher now, when refresh-ahead is on. Not lazily from a request: a
   * request's refresh racing {@link #close} would have the executor make a thread it then never
   * starts, and a server's ManagedThreadFactory keeps every thread it made until that thread
   * has run, with the application's context: its class loader would never be unloaded.
   */
  void start() {
    if (windowMillis > 0) {
      thread.prestartCoreThread();
    }
  }

  /** Whether {@code entry}, a fresh tenant, is due for a refresh at {@code now}. */
  boolean due(LocalEntry entry, long now) {
    return windowMillis > 0
        && entry.kind == LocalEntry.Kind.TENANT
        && LocalTier.isDueForRefresh(entry, windowMillis, now);
  }

  /** Where refreshes run. */
  Executor executor() {
    return thread;
  }

  /**
   * Stops the refresher and waits briefly for a refresh under way: a managed thread may not be a
   * daemon, and none may outlive the application.
   */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
