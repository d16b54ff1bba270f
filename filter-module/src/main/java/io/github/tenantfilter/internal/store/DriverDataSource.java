// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

// Above 300 lines on purpose: the pool (permits, idle connections, validation) and the proxy that
// gives a connection back on close share one state; most lines are JDBC's interface.
/**
 * A DataSource over a JDBC URL with a small bounded pool of its own. Loads are rare (the caches
 * answer almost every request), but when Redis is down every heap miss is a load, and a new
 * PostgreSQL connection per load costs milliseconds and floods the database with connects
 * (measured by ResilienceIT: about 20 ms a load under load).
 *
 * <p>At most {@code maxSize} connections are open at once ({@code tenant-filter.jdbc.pool-size}):
 * a borrower takes one of as many permits, reuses an idle connection (checked with {@code
 * isValid}, one round trip, and dropped if dead or older than {@value #MAX_AGE_MINUTES} minutes)
 * or opens one, and gives the permit back when it closes the connection, or when opening failed.
 * When all are lent out, a borrower waits at most {@code maxWait} ({@code
 * tenant-filter.store.timeout}) in arrival order, then gets {@link NoFreeConnection}, which the
 * store turns into a 503. Idle connections wait for reuse (no more than {@code maxSize}: an idle
 * connection was lent before, so idle and lent together never exceed the bound). A server
 * DataSource with a real pool remains the production choice.
 *
 * <p>The driver is found with {@link ServiceLoader} in the application's class loader and called
 * directly, so a driver in {@code WEB-INF/lib} works even though {@code DriverManager} was set up
 * by the server.
 */
final class DriverDataSource implements DataSource, AutoCloseable {

  static final int MAX_AGE_MINUTES = 30;

  /** No connection became free within the wait: the pool is busy, the database may be fine. */
  static final class NoFreeConnection extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    NoFreeConnection(String message) {
      super(message);
    }
  }

  private final Driver driver;
  private final String url;
  private final Properties properties;
  private final int maxSize;
  private final Duration maxWait;
  private final Semaphore permits;
  private final BlockingDeque<Pooled> idle;
  private volatile boolean closed;

  /** An idle connection and when it was opened. */
  private record Pooled(Connection connection, long openedAt) {}

  /**
   * A pool over {@code driver}.
   *
   * @param maxSize most connections open at once
   * @param maxWait longest wait for a free connection
   */
  DriverDataSource(
      Driver driver, String url, Properties properties, int maxSize, Duration maxWait) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("pool size " + maxSize + " < 1");
    }
    this.driver = driver;
    this.url = url;
    this.properties = properties;
    this.maxSize = maxSize;
    this.maxWait = maxWait;
    this.permits = new Semaphore(maxSize, true);
    this.idle = new LinkedBlockingDeque<>(maxSize);
  }

  /**
   * Finds a driver for {@code url}.
   *
   * @param poolSize most connections open at once
   * @param timeout the connect timeout, and the longest wait for a free connection
   * @return the DataSource, or {@code null} when no driver on the class path accepts the URL
   */
  static DriverDataSource find(
      String url, String user, String password, int poolSize, Duration timeout,
      ClassLoader loader) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
      if (!url.contains("connectTimeout=")) {
        properties.setProperty("connectTimeout", seconds);
      }
      if (!url.contains("socketTimeout=")) {
        // the read bound when the network stalls; the query timeout covers slow queries
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds()) + 5));
      }
    }
    for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
      try {
        if (driver.acceptsURL(url)) {
          return new DriverDataSource(driver, url, properties, poolSize, timeout);
        }
      } catch (SQLException e) {
        // this driver cannot tell; try the next
      }
    }
    return null;
  }

  /**
   * Lends an idle connection or opens one, once one of the pool's places is free.
   *
   * @throws NoFreeConnection if all {@code maxSize} connections stay lent out for {@code maxWait}
   */
  @Override
  public Connection getConnection() throws SQLException {
    acquire();
    try {
      Pooled pooled;
      while ((pooled = idle.pollFirst()) != null) {
        if (young(pooled) && valid(pooled.connection())) {
          return lend(pooled);
        }
        quietlyClose(pooled.connection());
      }
      Connection connection = driver.connect(url, properties);
      if (connection == null) {
        throw new SQLException("the JDBC driver refused the URL", "08001");
      }
      return lend(new Pooled(connection, System.nanoTime()));
    } catch (SQLException | RuntimeException | Error e) {
      permits.release(); // nothing was lent: the place is free again
      throw e;
    }
  }

  private void acquire() throws SQLException {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException(
          "interrupted while waiting for a free connection of the tenant-filter.jdbc.url pool");
    }
    if (!acquired) {
      throw new NoFreeConnection(
          "no free connection within " + show(maxWait) + ", pool of " + maxSize
              + " (all in use; tenant-filter.jdbc.pool-size, or a server DataSource through"
              + " tenant-filter.datasource)");
    }
  }

  private static String show(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private static boolean young(Pooled pooled) {
    return System.nanoTime() - pooled.openedAt()
        < TimeUnit.MINUTES.toNanos(MAX_AGE_MINUTES);
  }

  private static boolean valid(Connection connection) {
    try {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  /** The connection, with close() giving it back instead of closing it. */
  private Connection lend(Pooled pooled) {
    Connection real = pooled.connection();
    AtomicBoolean returned =
        new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            if (returned.compareAndSet(false, true)) {
              giveBack(pooled);
            }
            return null;
          }
          if (method.getName().equals("isClosed") && method.getParameterCount() == 0) {
            return returned.get() || real.isClosed();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * Keeps the connection idle (or closes it: broken, in a transaction, old, or the pool closed),
   * then frees its place; in this order, so that whoever takes the place finds it idle.
   */
  private void giveBack(Pooled pooled) {
    Connection connection = pooled.connection();
    try {
      if (closed || connection.isClosed() || !connection.getAutoCommit() || !young(pooled)
          || !idle.offerFirst(pooled)) {
        connection.close();
      }
    } catch (SQLException | RuntimeException e) {
      quietlyClose(connection);
    } finally {
      permits.release();
    }
  }

  private static void quietlyClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // it is gone either way
    }
  }

  /** A connection as another user: opened for the caller alone, outside the pool. */
  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties withUser = new Properties();
    withUser.putAll(properties);
    withUser.setProperty("user", user);
    withUser.setProperty("password", password);
    return driver.connect(url, withUser);
  }

  /**
   * Deregisters the JDBC drivers that the application's class loader registered with {@code
   * DriverManager} (drivers register themselves when first loaded): left registered, they keep
   * the undeployed application's classes in memory.
   */
  @Override
  public void close() {
    closed = true;
    Pooled pooled;
    while ((pooled = idle.pollFirst()) != null) {
      quietlyClose(pooled.connection());
    }
    ClassLoader loader = driver.getClass().getClassLoader();
    for (Driver registered : Collections.list(DriverManager.getDrivers())) {
      if (registered.getClass().getClassLoader() == loader && loader != null
          && loader != ClassLoader.getSystemClassLoader()) {
        try {
          DriverManager.deregisterDriver(registered);
        } catch (SQLException | SecurityException e) {
          // nothing more can be done while the application goes away
        }
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // no logging of its own
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the timeout is part of the connection properties
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
