// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.util.BackgroundThreads;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.TenantSchema;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The LISTEN connection against a real PostgreSQL: given back to its pool no longer listening,
 * and found through a server pool's wrapper when the application carries a driver of its own.
 */
class PostgresNotificationListenerIT {

  private static LocalPostgres.Schema schema;

  @BeforeAll
  static void createSchema() {
    schema = TenantSchema.create("listener_it");
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  private static DataSource reusingDataSource() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(
        Settings.JDBC_URL.name(), schema.jdbcUrl(),
        Settings.JDBC_USER.name(), LocalPostgres.get().user()));
    return DataSources.of(config, PostgresNotificationListenerIT.class.getClassLoader());
  }

  private static void notify(String channel, String payload) throws SQLException {
    try (Connection connection = schema.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("NOTIFY " + channel + ", '" + payload + "'");
    }
  }

  /** A pooled connection left listening would pile up every later notification in the driver. */
  @Test
  void close_unlistensBeforeTheConnectionGoesBackToItsPool() throws Exception {
    DataSource dataSource = reusingDataSource(); // keeps closed connections for reuse
    List<String> heard = new CopyOnWriteArrayList<>();
    PostgresNotificationListener listener =
        new PostgresNotificationListener(dataSource, "tf_pool_back", heard::add, again -> { }, () -> { },
            BackgroundThreads.plain());
    listener.start();
    assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
    notify("tf_pool_back", "acme");
    for (int i = 0; i < 300 && heard.isEmpty(); i++) { // a hang guard: 30 s
      Thread.sleep(100);
    }
    assertThat(heard).containsExactly("acme");
    listener.close();

    // the one connection the DataSource opened, now idle in it
    try (Connection reused = dataSource.getConnection();
        Statement statement = reused.createStatement();
        ResultSet channels = statement.executeQuery("SELECT count(*) FROM pg_listening_channels()")) {
      channels.next();
      assertThat(channels.getInt(1)).isZero();
    }
    ((AutoCloseable) dataSource).close();
  }

  /**
   * WildFly: the connection is a pool's wrapper from the server's driver, and the application's
   * own class loader holds another copy of the driver (WEB-INF/lib), whose PGConnection the
   * server's connection does not implement.
   */
  @Test
  void applicationHasItsOwnDriverCopy_listensThroughTheServersConnection() throws Exception {
    URL driverJar = PGConnection.class.getProtectionDomain().getCodeSource()
        .getLocation();
    DataSource server = reusingDataSource();
    DataSource wrapping = new WrappingDataSource(server, false);
    List<String> heard = new CopyOnWriteArrayList<>();
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    PostgresNotificationListener listener;
    try (URLClassLoader application =
        new URLClassLoader(new URL[] {driverJar}, ClassLoader.getPlatformClassLoader())) {
      assertThat(Class.forName("org.postgresql.PGConnection", false, application))
          .isNotSameAs(PGConnection.class);
      current.setContextClassLoader(application);
      try {
        listener = new PostgresNotificationListener(wrapping, "tf_own_copy", heard::add, again -> { }, () -> { },
            BackgroundThreads.plain());
      } finally {
        current.setContextClassLoader(before);
      }
      listensAndHears(listener, heard, "tf_own_copy", "globex");
    }
    ((AutoCloseable) server).close();
  }

  /**
   * Open Liberty: the driver is in a shared library of the server's own, which neither the
   * application's loader (its own copy of the driver) nor the pool's classes see; the pool wraps
   * connections and their metadata alike and has no {@code getUnderlyingConnection()}. Only an
   * object the driver made and the pool hands through (an array) names the driver's loader.
   */
  @Test
  void driverInALibraryNoOtherLoaderSees_listensThroughTheServersConnection() throws Exception {
    URL driverJar = PGConnection.class.getProtectionDomain().getCodeSource().getLocation();
    List<String> heard = new CopyOnWriteArrayList<>();
    try (URLClassLoader library =
        new URLClassLoader(new URL[] {driverJar}, ClassLoader.getPlatformClassLoader())) {
      DataSource driver = (DataSource) Class.forName("org.postgresql.ds.PGSimpleDataSource",
          true, library).getConstructor().newInstance();
      driver.getClass().getMethod("setURL", String.class).invoke(driver, schema.jdbcUrl());
      driver.getClass().getMethod("setUser", String.class)
          .invoke(driver, LocalPostgres.get().user());
      assertThat(driver.getClass().getClassLoader()).isSameAs(library);
      PostgresNotificationListener listener = new PostgresNotificationListener(
          new WrappingDataSource(driver, true), "tf_library", heard::add, again -> { },
          () -> { }, BackgroundThreads.plain());
      listensAndHears(listener, heard, "tf_library", "initech");
    }
  }

  /** Starts {@code listener}, which must listen and hear {@code payload}; closes it. */
  private static void listensAndHears(PostgresNotificationListener listener, List<String> heard,
      String channel, String payload) throws Exception {
    listener.start();
    try {
      assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
      notify(channel, payload);
      for (int i = 0; i < 300 && heard.isEmpty(); i++) { // a hang guard: 30 s
        Thread.sleep(100);
      }
      assertThat(heard).containsExactly(payload);
    } finally {
      listener.close();
    }
  }

  /** Hands out connections behind a proxy, as a server pool does. */
  private static final class WrappingDataSource implements DataSource {
    private final DataSource target;
    private final boolean wrapMetaData;

    /** With {@code wrapMetaData}, the connection's metadata is behind a proxy too (Liberty). */
    WrappingDataSource(DataSource target, boolean wrapMetaData) {
      this.target = target;
      this.wrapMetaData = wrapMetaData;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = target.getConnection();
      return (Connection) Proxy.newProxyInstance(
          PostgresNotificationListenerIT.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            return wrapMetaData && result instanceof DatabaseMetaData
                ? Proxy.newProxyInstance(PostgresNotificationListenerIT.class.getClassLoader(),
                    new Class<?>[] {DatabaseMetaData.class},
                    (p, m, a) -> invoke(result, m, a))
                : result;
          });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      throw new SQLException("not used");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
