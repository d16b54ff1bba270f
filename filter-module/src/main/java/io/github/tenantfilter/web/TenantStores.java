// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.store.DataSources;
import io.github.tenantfilter.internal.store.JdbcTenantStore;
import jakarta.enterprise.inject.Instance;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Chooses the tenant store: the application's {@link TenantStore} bean if it has one, else the
 * JDBC store over the DataSource (or JDBC URL) of the settings.
 */
final class TenantStores {

  private static final Logger LOG = Logger.getLogger(TenantStores.class.getName());

  /**
   * The store chosen.
   *
   * @param store the tenant store
   * @param dataSource the DataSource of the settings, or null when the application's bean is used
   * @param resources what must be closed with the application (a DataSource opened for it), or null
   */
  record Chosen(TenantStore store, DataSource dataSource, AutoCloseable resources) {}

  private TenantStores() {}

  /**
   * @throws IllegalStateException if several beans implement {@link TenantStore}
   * @throws InvalidSettingException if there is neither a bean nor a database setting
   */
  static Chosen choose(Instance<TenantStore> beans, TenantFilterConfig config, ClassLoader loader) {
    if (beans.isAmbiguous()) {
      throw new IllegalStateException("tenant-filter: several CDI beans implement TenantStore ("
          + beans.handlesStream()
              .map(handle -> handle.getBean().getBeanClass().getName())
              .collect(Collectors.joining(", "))
          + "); keep one, or make the others @Alternative");
    }
    if (beans.isResolvable()) {
      TenantStore store = beans.get();
      LOG.info("tenant-filter: using the application's TenantStore bean "
          + beans.getHandle().getBean().getBeanClass().getName());
      return new Chosen(store, null, null);
    }
    DataSource dataSource = DataSources.of(config, loader);
    if (dataSource == null) {
      throw new InvalidSettingException(
          Settings.DATASOURCE.name(),
          "no tenant store: set " + Settings.DATASOURCE.name() + " (a JNDI name) or "
              + Settings.JDBC_URL.name()
              + ", or give the application a CDI bean that implements TenantStore");
    }
    JdbcTenantStore store =
        new JdbcTenantStore(
            dataSource,
            config.queryById(),
            config.queryBySubdomain(),
            config.queryByDomain(),
            config.storeTimeout());
    store.check().ifPresent(problem -> LOG.warning("tenant-filter: the tenant store does not"
        + " work yet (" + problem + "); requests for uncached tenants get 503 until it does"));
    return new Chosen(store, dataSource,
        dataSource instanceof AutoCloseable closeable ? closeable : null);
  }
}
