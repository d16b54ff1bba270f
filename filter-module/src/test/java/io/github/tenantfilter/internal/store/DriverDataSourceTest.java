// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The bound of the JDBC URL's pool, with a driver of in-memory connections that counts how many
 * are open at once (the real PostgreSQL's view: DriverDataSourcePoolIT).
 */
class DriverDataSourceTest {

  /** A driver whose connections only count themselves; {@link #failNext} makes connect fail. */
  static final class CountingDriver implements Driver {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();
    final AtomicBoolean failNext = new AtomicBoolean();
    final List<AtomicBoolean> broken = new CopyOnWriteArrayList<>();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      if (failNext.getAndSet(false)) {
        throw new SQLException("Connection refused", "08001");
      }
      opened.incrementAndGet();
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      AtomicBoolean closed = new AtomicBoolean();
      AtomicBoolean isBroken = new AtomicBoolean();
      broken.add(isBroken);
      return (Connection) Proxy.newProxyInstance(
          Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class},
          (proxy, method, args) -> switch (method.getName()) {
            case "close" -> {
              if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
              }
              yield null;
            }
            case "isClosed" -> closed.get();
            case "isValid" -> !closed.get() && !isBroken.get();
            case "getAutoCommit" -> true;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null;
          });
    }

    @Override
    public boolean acceptsURL(String url) {
      return true;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 1;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }
  }

  private final CountingDriver driver = new CountingDriver();

  private DriverDataSource pool(int size, Duration wait) {
    return new DriverDataSource(driver, "jdbc:counting:test", new Properties(), size, wait);
  }

  @Test
  void getConnection_floodFromFiftyThreads_neverOpensMoreThanThePoolSize() throws Exception {
    DriverDataSource pool = pool(3, Duration.ofMinutes(1));
    ExecutorService threads = Executors.newFixedThreadPool(50);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger lent = new AtomicInteger();
    AtomicInteger mostLent = new AtomicInteger();
    try {
      List<Future<?>> done = new CopyOnWriteArrayList<>();
      for (int t = 0; t < 50; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 20; i++) {
            try (Connection ignored = pool.getConnection()) {
              mostLent.accumulateAndGet(lent.incrementAndGet(), Math::max);
              Thread.sleep(1); // hold it, as a query would
              lent.decrementAndGet();
            } catch (SQLException | InterruptedException | RuntimeException e) {
              failures.add(e);
            }
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(failures).isEmpty();
    assertThat(driver.mostOpen.get()).as("connections open at once").isLessThanOrEqualTo(3);
    assertThat(mostLent.get()).as("connections lent at once").isLessThanOrEqualTo(3);
    assertThat(driver.open.get()).as("kept idle for reuse").isBetween(1, 3);

    pool.close();
    assertThat(driver.open.get()).as("closed with the pool").isZero();
  }

  @Test
  void getConnection_allLentOut_failsNamingWaitAndPoolSize_thenRecovers() throws Exception {
    DriverDataSource pool = pool(2, Duration.ofMillis(50));
    Connection first = pool.getConnection();
    Connection second = pool.getConnection();

    assertThatThrownBy(pool::getConnection)
        .isInstanceOf(DriverDataSource.NoFreeConnection.class)
        .hasMessageContaining("no free connection within 50 ms, pool of 2")
        .hasMessageContaining("tenant-filter.jdbc.pool-size");

    first.close();
    try (Connection again = pool.getConnection()) {
      assertThat(again.isClosed()).isFalse();
    }
    assertThat(driver.opened.get()).as("the idle connection is reused").isEqualTo(2);
    second.close();
    pool.close();
  }

  @Test
  void getConnection_connectFails_freesItsPlace() throws Exception {
    DriverDataSource pool = pool(1, Duration.ofMillis(50));
    driver.failNext.set(true);
    assertThatThrownBy(pool::getConnection)
        .isInstanceOf(SQLException.class)
        .isNotInstanceOf(DriverDataSource.NoFreeConnection.class)
        .hasMessageContaining("refused");

    try (Connection connection = pool.getConnection()) {
      assertThat(connection.isClosed()).isFalse();
    }
    pool.close();
  }

  @Test
  void getConnection_idleConnectionBroke_isDiscardedAndItsPlaceFreed() throws Exception {
    DriverDataSource pool = pool(1, Duration.ofMillis(50));
    pool.getConnection().close();
    driver.broken.get(0).set(true); // the server went away while it was idle

    try (Connection connection = pool.getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
    assertThat(driver.opened.get()).isEqualTo(2);
    assertThat(driver.open.get()).as("the broken one was closed").isEqualTo(1);
    pool.close();
  }

  @Test
  void close_calledTwice_freesOnePlaceOnly() throws Exception {
    DriverDataSource pool = pool(2, Duration.ofMillis(50));
    Connection connection = pool.getConnection();
    connection.close();
    connection.close();

    Connection first = pool.getConnection();
    Connection second = pool.getConnection();
    assertThatThrownBy(pool::getConnection).isInstanceOf(DriverDataSource.NoFreeConnection.class);
    assertThat(driver.mostOpen.get()).isEqualTo(2);
    first.close();
    second.close();
    pool.close();
  }

  @Test
  void getConnection_interruptedWhileWaiting_failsAndKeepsTheInterrupt() throws Exception {
    DriverDataSource pool = pool(1, Duration.ofMinutes(1));
    Connection held = pool.getConnection();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(pool::getConnection)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    } finally {
      Thread.interrupted();
      held.close();
      pool.close();
    }
  }
}
