// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Refresh-ahead: a hot tenant is reloaded in the background during the last part of its heap TTL,
 * so that it never expires on a request's path. One daemon thread, started on first use and
 * gone after 30 s without work; at most 1,000 refreshes queued (a refused one is left for the
 * request that finds the entry expired).
 */
final class RefreshAhead implements AutoCloseable {

  private final long windowMillis;
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), task -> {
        Thread refresher = new Thread(task, "tenant-filter-refresh-ahead");
        refresher.setDaemon(true);
        return refresher;
      });

  /** Refreshes in the last {@code percent} of {@code ttlMillis} (0: never). */
  RefreshAhead(int percent, long ttlMillis) {
    this.windowMillis = ttlMillis * percent / 100;
    thread.allowCoreThreadTimeOut(true);
  }

  /** Whether {@code entry}, a fresh tenant, is due for a refresh. */
  boolean due(LocalTier local, LocalEntry entry) {
    return windowMillis > 0
        && entry.kind == LocalEntry.Kind.TENANT
        && local.isDueForRefresh(entry, windowMillis);
  }

  /** Where refreshes run. */
  Executor executor() {
    return thread;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
