// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds the DataSource that the settings name. */
public final class DataSources {

  private DataSources() {}

  /**
   * The DataSource for {@code config}: by JNDI name, or over the JDBC URL (a pool of at most
   * {@code tenant-filter.jdbc.pool-size} connections, waiting at most {@code
   * tenant-filter.store.timeout} for a free one).
   *
   * @return the DataSource, or {@code null} when neither setting is set
   * @throws InvalidSettingException if the JNDI name is not bound to a DataSource, or no driver
   *     accepts the URL
   */
  public static DataSource of(TenantFilterConfig config, ClassLoader loader) {
    if (config.dataSource() != null) {
      return lookup(config.dataSource());
    }
    if (config.jdbcUrl() != null) {
      DataSource dataSource =
          DriverDataSource.find(
              config.jdbcUrl(),
              config.jdbcUser(),
              config.jdbcPassword(),
              config.jdbcPoolSize(),
              config.storeTimeout(),
              loader);
      if (dataSource == null) {
        throw new InvalidSettingException(
            Settings.JDBC_URL.name(),
            "no JDBC driver on the class path accepts "
                + config.jdbcUrlForDisplay()
                + " (set in "
                + Settings.JDBC_URL.name()
                + "): add the driver (for PostgreSQL, org.postgresql:postgresql) to the WAR or"
                + " the server");
      }
      return dataSource;
    }
    return null;
  }

  private static DataSource lookup(String name) {
    Object found;
    try {
      InitialContext context = new InitialContext();
      try {
        found = context.lookup(name);
      } catch (NamingException e) {
        if (name.startsWith("java:")) {
          throw e;
        }
        found = context.lookup("java:comp/env/" + name);
      }
    } catch (NamingException e) {
      throw new InvalidSettingException(
          Settings.DATASOURCE.name(),
          "no DataSource is bound under the JNDI name \""
              + name
              + "\" (set in "
              + Settings.DATASOURCE.name()
              + "): create it in the server (asadmin create-jdbc-resource, jboss-cli"
              + " data-source add) or with <data-source> in web.xml ("
              + e.getMessage()
              + ")");
    }
    if (!(found instanceof DataSource dataSource)) {
      throw new InvalidSettingException(
          Settings.DATASOURCE.name(),
          "the JNDI name \"" + name + "\" (set in " + Settings.DATASOURCE.name()
              + ") is bound to a " + found.getClass().getName() + ", not a DataSource");
    }
    return dataSource;
  }
}
