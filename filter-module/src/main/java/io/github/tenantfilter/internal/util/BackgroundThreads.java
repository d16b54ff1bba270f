// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.util;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

/**
 * Where the filter's background threads come from: in a container, the server's {@code
 * ManagedThreadFactory} ({@value #JNDI_NAME}, Jakarta Concurrency), whose threads the server
 * knows and that carry the application's context (class loader, naming, security); outside one
 * (unit tests, the benchmarks' standalone filter), plain daemon threads.
 *
 * <p>Found once, by {@link #fromContainer}, on the thread that starts the application: a {@code
 * java:comp} lookup only works on a thread with the application's naming context. Every thread
 * made later (a refresh-ahead worker started by a request, an executor's replacement) comes from
 * the factory found then, which the runtime hands down to whatever starts threads; nothing looks
 * it up again.
 *
 * <p>The threads keep the names they always had ({@code tenant-filter-*}): the name is set on
 * the thread the factory returns. A managed thread may not be a daemon: each owner stops and
 * joins its threads in {@code close()}, as it did before, and the server's own factory is never
 * shut down by the filter.
 *
 * <p>The Concurrency API is touched only after {@link #fromContainer} saw it, so that the filter
 * still runs on a server without it (then with plain threads).
 *
 * <pre>{@code
 * BackgroundThreads threads = BackgroundThreads.fromContainer(loader); // at deploy
 * Thread t = threads.newThread("tenant-filter-pg-listener", this::run);
 * ExecutorService pool = Executors.newSingleThreadExecutor(threads.named("tenant-filter-stats"));
 * }</pre>
 */
public final class BackgroundThreads {

  /** The server's default thread factory (Jakarta EE 7 on; Payara and WildFly bind it). */
  public static final String JNDI_NAME = "java:comp/DefaultManagedThreadFactory";

  private static final Logger LOG = Logger.getLogger(BackgroundThreads.class.getName());
  private static final String API = "jakarta.enterprise.concurrent.ManagedThreadFactory";
  private static final BackgroundThreads PLAIN = new BackgroundThreads(null);

  /** The server's factory, or null: plain daemon threads. */
  private final ThreadFactory managed;

  private BackgroundThreads(ThreadFactory managed) {
    this.managed = managed;
  }

  /** Plain daemon threads: outside a container. */
  public static BackgroundThreads plain() {
    return PLAIN;
  }

  /** Threads from {@code factory}, a server's {@code ManagedThreadFactory} (or a test's). */
  public static BackgroundThreads managedBy(ThreadFactory factory) {
    return new BackgroundThreads(Objects.requireNonNull(factory));
  }

  /**
   * The server's {@code ManagedThreadFactory}, looked up now, or plain daemon threads where
   * there is none (no Concurrency API visible to {@code loader}, no naming context, nothing
   * bound). Call it on the thread that starts the application.
   */
  public static BackgroundThreads fromContainer(ClassLoader loader) {
    try {
      Class.forName(API, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.fine("tenant-filter: no Jakarta Concurrency API; background threads are plain");
      return PLAIN;
    }
    try {
      ThreadFactory factory = Lookup.managedThreadFactory();
      LOG.fine(() -> "tenant-filter: background threads from " + JNDI_NAME + " (" + factory
          + ")");
      return managedBy(factory);
    } catch (NoInitialContextException e) {
      LOG.fine("tenant-filter: no naming context (not in a container); background threads are"
          + " plain");
    } catch (NamingException | RuntimeException | LinkageError e) {
      LOG.log(Level.INFO, "tenant-filter: the server offers no " + JNDI_NAME + " (" + e
          + "); background threads are plain daemon threads");
    }
    return PLAIN;
  }

  /** Whether the threads come from the server's factory. */
  public boolean managed() {
    return managed != null;
  }

  /**
   * A new thread named {@code name} that runs {@code task}, not started.
   *
   * @throws RejectedExecutionException if the server's factory refuses (it is shutting down)
   */
  public Thread newThread(String name, Runnable task) {
    if (managed == null) {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    }
    Thread thread;
    try {
      thread = managed.newThread(task);
    } catch (IllegalStateException e) {
      throw new RejectedExecutionException("the server's ManagedThreadFactory refused a thread"
          + " for " + name + ": " + e.getMessage(), e);
    }
    if (thread == null) {
      throw new RejectedExecutionException(
          "the server's ManagedThreadFactory gave no thread for " + name);
    }
    try {
      thread.setName(name);
    } catch (SecurityException e) {
      // the server's name stays; the thread is the server's all the same
    }
    return thread;
  }

  /** A factory of threads named {@code name} (for an executor), as {@link #newThread}. */
  public ThreadFactory named(String name) {
    return task -> newThread(name, task);
  }

  @Override
  public String toString() {
    return managed == null ? "plain daemon threads" : "managed threads (" + managed + ")";
  }

  /** Touches the Concurrency API: loaded only once it is known to be there. */
  private static final class Lookup {
    static ThreadFactory managedThreadFactory() throws NamingException {
      InitialContext context = new InitialContext();
      Object found;
      try {
        found = context.lookup(JNDI_NAME);
      } finally {
        context.close();
      }
      if (!(found instanceof ManagedThreadFactory factory)) {
        throw new NamingException(JNDI_NAME + " is a " + (found == null ? "null"
            : found.getClass().getName()) + ", not a ManagedThreadFactory");
      }
      return factory;
    }
  }
}
