// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.util;

import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's {@code ManagedThreadFactory} as far as the filter can tell: threads of a class of
 * its own, named by the server, not daemons (the specification leaves it to the server), kept in
 * a list; refuses new threads once {@link #stop() stopped}, as a server does while an
 * application stops.
 */
public final class FakeManagedThreadFactory implements ManagedThreadFactory {

  /** A thread the fake made. */
  public static final class Managed extends Thread implements ManageableThread {
    Managed(Runnable task, String name) {
      super(task, name);
      setDaemon(false);
    }

    @Override
    public boolean isShutdown() {
      return false;
    }
  }

  private final AtomicInteger count = new AtomicInteger();
  private final List<Thread> made = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  @Override
  public Thread newThread(Runnable task) {
    if (stopped) {
      throw new IllegalStateException("ManagedThreadFactory is stopped");
    }
    Thread thread = new Managed(task, "managed-thread-" + count.incrementAndGet());
    made.add(thread);
    return thread;
  }

  @Override
  public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
    throw new UnsupportedOperationException("not used by the filter");
  }

  /** Refuses every later thread. */
  public void stop() {
    stopped = true;
  }

  /** Every thread made, in order. */
  public List<Thread> made() {
    return List.copyOf(made);
  }

  /** The names of the threads made that are still alive. */
  public List<String> alive() {
    return made.stream().filter(Thread::isAlive).map(Thread::getName).toList();
  }

  /** Waits up to five seconds for every thread made to end; the names of those still alive. */
  public List<String> awaitAllEnded() throws InterruptedException {
    for (Thread thread : made) {
      thread.join(5_000);
    }
    return alive();
  }
}
