// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import io.github.tenantfilter.internal.util.BackgroundThreads;
import io.github.tenantfilter.internal.util.ReconnectWait;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Listens on a PostgreSQL notification channel ({@code LISTEN}) on a connection of its own and
 * hands every payload (a tenant id, from the trigger in {@code src/sql/notify.sql}) to the cache.
 * A background thread keeps the connection (the server's managed thread where it offers them,
 * {@link BackgroundThreads}): it calls {@code lost} when the connection breaks,
 * reconnects by itself, and calls {@code listening} every time LISTEN is in place (the first
 * time too), because notifications sent while it was not are lost. The connection is checked
 * every few seconds, so a silently dead one is noticed too.
 *
 * <p>The PostgreSQL driver's classes are reached by reflection: the JAR does not depend on it.
 */
public final class PostgresNotificationListener implements AutoCloseable {

  /**
   * The longest wait between two reconnect attempts: while the channel is down the node does not
   * trust Redis, so it should be back soon after the server is; an attempt a second is cheap.
   */
  private static final long MAX_BACKOFF_MILLIS = 1_000;
  private static final Logger LOG = Logger.getLogger(PostgresNotificationListener.class.getName());
  private static final int WAIT_MILLIS = 1_000;
  private static final long CHECK_EVERY_MILLIS = 5_000;

  private final DataSource dataSource;
  private final String channel;
  private final Consumer<String> tenantChanged;
  private final Consumer<Boolean> listening;
  private final Runnable lost;
  private final BackgroundThreads threads;
  /** The listening thread, made by {@link #start}; null before. */
  private volatile Thread thread;
  /** The application's class loader: it sees the driver, which a pool's proxy class may not. */
  private final ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();
  private final CountDownLatch firstListen = new CountDownLatch(1);
  /** The wait between reconnects, cut short when closing. */
  private final ReconnectWait reconnectWait =
      new ReconnectWait();
  private volatile Connection connection;

  /**
   * Creates a listener; {@link #start()} starts it.
   *
   * @param channel a PostgreSQL identifier (checked by the settings)
   * @param tenantChanged called with each notification's payload
   * @param listening called each time LISTEN is in place, before any notification that follows,
   *     with whether it was in place before (a break, not the start): notifications sent before
   *     may have been missed
   * @param lost called when a connection that was listening breaks or stops
   * @param threads where its thread comes from
   */
  public PostgresNotificationListener(
      DataSource dataSource, String channel, Consumer<String> tenantChanged,
      Consumer<Boolean> listening, Runnable lost, BackgroundThreads threads) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.tenantChanged = tenantChanged;
    this.listening = listening;
    this.lost = lost;
    this.threads = threads;
  }

  /**
   * Starts listening in the background, on a thread made now (a server keeps every thread its
   * factory made until that thread has run).
   */
  public void start() {
    thread = threads.newThread("tenant-filter-pg-listener", this::run);
    thread.start();
  }

  /** Waits until listening the first time; for startup and tests. */
  public boolean awaitListening(Duration timeout) throws InterruptedException {
    return firstListen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }


  private void run() {
    long backoff = 100;
    boolean listenedBefore = false;
    boolean broken = false;
    while (!reconnectWait.closed()) {
      boolean listened = false;
      try (Connection conn = dataSource.getConnection()) {
        connection = conn;
        Class<?> pgConnection = pgConnectionClass(conn);
        Object pg = conn.unwrap(pgConnection);
        Method poll = pgConnection.getMethod("getNotifications", int.class);
        try (Statement statement = conn.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        // notifications sent before now (while away, or before the first LISTEN) are lost
        listening.accept(listenedBefore);
        listened = true;
        if (listenedBefore) {
          LOG.info("tenant-filter: listening on PostgreSQL channel " + channel + " again; the"
              + " heap tier was dropped, and Redis's tenant values, in case a notification was"
              + " lost");
        }
        listenedBefore = true;
        broken = false;
        backoff = 100;
        firstListen.countDown();
        long checked = System.currentTimeMillis();
        while (!reconnectWait.closed()) {
          Object[] notes = (Object[]) poll.invoke(pg, WAIT_MILLIS);
          if (notes != null) {
            for (Object note : notes) {
              Object payload = note.getClass().getMethod("getParameter").invoke(note);
              if (payload instanceof String id && !id.isEmpty()) {
                tenantChanged.accept(id);
              }
            }
          }
          if (System.currentTimeMillis() - checked > CHECK_EVERY_MILLIS) {
            if (!conn.isValid(2)) {
              throw new SQLException("the listening connection is not valid", "08006");
            }
            checked = System.currentTimeMillis();
          }
        }
        unlisten(conn);
      } catch (InvocationTargetException e) {
        broken = report(e.getCause(), broken);
      } catch (Exception e) {
        broken = report(e, broken);
      } finally {
        connection = null;
        if (listened) {
          lost.run();
        }
      }
      if (!reconnectWait.closed()) {
        reconnectWait.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  /**
   * {@code org.postgresql.PGConnection} as the driver that made {@code conn} sees it. The
   * connection may be a proxy (a server pool's, or this JAR's reuse wrapper) whose class loader
   * does not see the driver, and the application may hold a copy of the driver of its own (a
   * {@code WEB-INF/lib} JAR next to a server DataSource on WildFly), whose {@code PGConnection}
   * the server's connection does not implement: so the loaders that may hold the driver are
   * tried in turn, and the first whose {@code PGConnection} the connection wraps wins.
   */
  private Class<?> pgConnectionClass(Connection conn) throws SQLException,
      ClassNotFoundException {
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    loaders.add(applicationLoader);
    loaders.add(dataSource.getClass().getClassLoader());
    try {
      loaders.add(conn.getMetaData().getClass().getClassLoader()); // often the driver's own
    } catch (SQLException | RuntimeException e) {
      // no metadata: the other loaders may do
    }
    loaders.add(underlyingLoader(conn));
    loaders.add(driverObjectLoader(conn));
    Class<?> found = null;
    for (ClassLoader loader : loaders) {
      if (loader == null) {
        continue;
      }
      try {
        Class<?> candidate = Class.forName("org.postgresql.PGConnection", false, loader);
        if (conn.isWrapperFor(candidate)) {
          return candidate;
        }
        found = found == null ? candidate : found;
      } catch (ClassNotFoundException e) {
        // try the next
      }
    }
    if (found != null) {
      return found; // unwrap reports why it is not one
    }
    throw new ClassNotFoundException("org.postgresql.PGConnection: LISTEN needs the PostgreSQL"
        + " driver visible to the application");
  }

  /**
   * The class loader of the driver connection behind a server pool's wrapper that exposes it
   * with a public {@code getUnderlyingConnection()} (WildFly's IronJacamar), or null.
   */
  private static ClassLoader underlyingLoader(Connection conn) {
    try {
      Object real = conn.getClass().getMethod("getUnderlyingConnection").invoke(conn);
      return real == null ? null : real.getClass().getClassLoader();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * The class loader of an object the driver itself made and the pool hands through as it is:
   * an empty {@code java.sql.Array}, made by the driver without a round trip. Open Liberty
   * wraps connections, statements and metadata, has no {@code getUnderlyingConnection()}, and
   * keeps its JDBC driver in a shared library of its own, whose {@code PGConnection} no loader
   * above sees; its arrays are the driver's (found by SqlNotifyInvalidationIT). Null when the
   * driver or the pool makes none.
   */
  private static ClassLoader driverObjectLoader(Connection conn) {
    try {
      Array array = conn.createArrayOf("text", new Object[0]);
      try {
        return array.getClass().getClassLoader();
      } finally {
        array.free();
      }
    } catch (SQLException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Stops listening before the connection goes back to its pool: a pooled connection left
   * listening would collect every later notification in the driver's memory, for as long as
   * the pool keeps it (found by RedeployLeakIT).
   */
  private void unlisten(Connection conn) {
    try (Statement statement = conn.createStatement()) {
      statement.execute("UNLISTEN *");
    } catch (SQLException | RuntimeException e) {
      LOG.fine("tenant-filter: UNLISTEN failed (" + e + "); the connection is closed anyway");
    }
  }

  private boolean report(Throwable e, boolean broken) {
    if (!reconnectWait.closed() && !broken) {
      LOG.warning("tenant-filter: listening on PostgreSQL channel " + channel + " failed ("
          + e + "); reconnecting in the background");
    }
    return true;
  }

  @Override
  public void close() {
    reconnectWait.close();
    // the thread notices within one poll (a second), says UNLISTEN and gives the connection
    // back itself; closing it from here would hand a connection in use back to a pool
    boolean ended = join(WAIT_MILLIS + 2_000);
    Connection conn = connection;
    if (!ended && conn != null) {
      try {
        conn.close(); // stuck (a network stall): cut it
      } catch (SQLException ignored) {
        // closing anyway
      }
      join(3_000);
    }
  }

  private boolean join(long millis) {
    Thread listener = thread;
    if (listener == null) {
      return true; // never started
    }
    try {
      listener.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !listener.isAlive();
  }
}
