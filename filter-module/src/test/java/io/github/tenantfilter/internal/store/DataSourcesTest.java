// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JNDI lookup rules, with an in-memory naming context (the real servers' JNDI is exercised by
 * the Arquillian tests).
 */
class DataSourcesTest {

  static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

  /** An InitialContextFactory whose contexts look names up in {@link #BOUND}. */
  public static class MapContextFactory implements InitialContextFactory {
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
      return (Context) Proxy.newProxyInstance(
          Context.class.getClassLoader(),
          new Class<?>[] {Context.class},
          (proxy, method, args) -> {
            if (method.getName().equals("lookup") && args[0] instanceof String name) {
              Object found = BOUND.get(name);
              if (found == null) {
                throw new NameNotFoundException(name);
              }
              return found;
            }
            return null;
          });
    }
  }

  private String previous;

  @BeforeEach
  void useMapContext() {
    previous = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, MapContextFactory.class.getName());
    BOUND.clear();
  }

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    } else {
      System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previous);
    }
  }

  private static DataSource lookup(String name) {
    return DataSources.of(
        TenantFilterConfig.of(Map.of("tenant-filter.datasource", name)),
        DataSourcesTest.class.getClassLoader());
  }

  @Test
  void of_globalName_isLookedUpAsIs() {
    DataSource ds = mock(DataSource.class);
    BOUND.put("java:app/jdbc/tenants", ds);
    assertThat(lookup("java:app/jdbc/tenants")).isSameAs(ds);
  }

  @Test
  void of_shortName_triesComponentEnvironment() {
    DataSource ds = mock(DataSource.class);
    BOUND.put("java:comp/env/jdbc/tenants", ds);
    assertThat(lookup("jdbc/tenants")).isSameAs(ds);
  }

  @Test
  void of_boundToSomethingElse_failsNamingSetting() {
    BOUND.put("jdbc/tenants", "not a data source");
    assertThatThrownBy(() -> lookup("jdbc/tenants"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.datasource")
        .hasMessageContaining("not a DataSource");
  }

  @Test
  void of_unbound_failsNamingSettingAndValue() {
    assertThatThrownBy(() -> lookup("java:app/jdbc/missing"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.datasource")
        .hasMessageContaining("java:app/jdbc/missing");
  }

  @Test
  void of_nothingConfigured_isNull() {
    assertThat(DataSources.of(TenantFilterConfig.of(Map.of()), getClass().getClassLoader())).isNull();
  }
}
