// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.util;

/**
 * The wait between two attempts of a background thread that keeps a connection open (the
 * invalidation subscription, the PostgreSQL LISTEN), cut short when the owner closes.
 *
 * <pre>{@code
 * while (!wait.closed()) {
 *   try { ...connect and listen... } catch (RuntimeException e) { ... }
 *   wait.sleep(backoff);
 * }
 * // elsewhere: wait.close();  // the thread wakes at once and leaves its loop
 * }</pre>
 */
public final class ReconnectWait {

  private final Object lock = new Object();
  private volatile boolean closed;

  /** Whether {@link #close()} was called. */
  public boolean closed() {
    return closed;
  }

  /** Waits {@code millis}, or less when {@link #close()} is called meanwhile; not after it. */
  public void sleep(long millis) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        lock.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Marks the owner closed and wakes the thread from its wait. */
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
