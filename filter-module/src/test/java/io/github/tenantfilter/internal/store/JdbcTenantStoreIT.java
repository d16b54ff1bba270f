// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.TenantSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC store against a real PostgreSQL, through the plain-URL DataSource the filter ships. */
class JdbcTenantStoreIT {

  private static LocalPostgres.Schema schema;
  private static JdbcTenantStore store;

  @BeforeAll
  static void createSchema() {
    schema = TenantSchema.create("store_it");
    TenantSchema.insert(schema, "acme", "acme", "acme-corp.example", "shop.acme.example");
    TenantSchema.insert(schema, "globex", null);
    store = store(schema.jdbcUrl(), Map.of());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  private static JdbcTenantStore store(String url, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put(Settings.JDBC_URL.name(), url);
    settings.put(Settings.JDBC_USER.name(), LocalPostgres.get().user());
    TenantFilterConfig config = TenantFilterConfig.of(settings);
    DataSource dataSource = DataSources.of(config, JdbcTenantStoreIT.class.getClassLoader());
    return new JdbcTenantStore(
        dataSource,
        config.queryById(),
        config.queryBySubdomain(),
        config.queryByDomain(),
        config.storeTimeout());
  }

  @Test
  void findBySubdomain_defaultSchema_readsEveryColumn() {
    Tenant acme = store.findBySubdomain("acme").orElseThrow();
    assertThat(acme.id()).isEqualTo("acme");
    assertThat(acme.name()).isEqualTo("Tenant acme");
    assertThat(acme.subdomain()).isEqualTo("acme");
    assertThat(acme.customDomains()).containsExactly("acme-corp.example", "shop.acme.example");
    assertThat(acme.plan()).isEqualTo("pro");
    assertThat(acme.status()).isEqualTo("active");
    assertThat(acme.settings()).isEqualTo("{\"seats\": 5}");
    assertThat(acme.updatedAt()).isNotNull();
  }

  @Test
  void findByDomainAndId_defaultSchema_findTenant() {
    assertThat(store.findByDomain("shop.acme.example")).map(Tenant::id).contains("acme");
    assertThat(store.findById("globex")).map(Tenant::subdomain).isEqualTo(Optional.empty());
    assertThat(store.findById("globex").orElseThrow().customDomains()).isEmpty();
  }

  @Test
  void find_absent_isEmpty() {
    assertThat(store.findBySubdomain("nobody")).isEmpty();
    assertThat(store.findByDomain("nobody.example")).isEmpty();
    assertThat(store.findById("nobody")).isEmpty();
  }

  @Test
  void find_valueWithSqlSyntax_isJustAValue() {
    assertThat(store.findById("x' OR '1'='1")).isEmpty();
  }

  @Test
  void find_ownTableAndQueries_mapsColumnsByName() {
    schema.execute(
        "CREATE TABLE customers (customer_key text PRIMARY KEY, display text, host text,"
            + " tier text, prefs text)");
    schema.execute(
        "INSERT INTO customers VALUES ('c-1', 'Customer One', 'one.example', 'gold', '{\"a\":1}')");
    String select =
        "SELECT customer_key AS id, display AS name, NULL AS subdomain, host AS custom_domains,"
            + " tier AS plan, prefs AS settings FROM customers";
    JdbcTenantStore own =
        store(
            schema.jdbcUrl(),
            Map.of(
                Settings.QUERY_BY_ID.name(), select + " WHERE customer_key = ?",
                Settings.QUERY_BY_SUBDOMAIN.name(), select + " WHERE false AND host = ?",
                Settings.QUERY_BY_DOMAIN.name(), select + " WHERE host = ?"));
    Tenant tenant = own.findByDomain("one.example").orElseThrow();
    assertThat(tenant.id()).isEqualTo("c-1");
    assertThat(tenant.customDomains()).containsExactly("one.example");
    assertThat(tenant.plan()).isEqualTo("gold");
    assertThat(tenant.status()).isEqualTo("active");
    assertThat(tenant.updatedAt()).isNull();
    assertThat(own.check()).isEmpty();
  }

  @Test
  void find_queryReturningTwoRows_failsInsteadOfGuessing() {
    JdbcTenantStore loose =
        store(
            schema.jdbcUrl(),
            Map.of(Settings.QUERY_BY_ID.name(), "SELECT id FROM tenants WHERE ? IS NOT NULL"));
    assertThatThrownBy(() -> loose.findById("any"))
        .isInstanceOf(TenantStoreException.class)
        .hasMessageContaining("more than one row");
  }

  @Test
  void find_queryWithoutIdColumn_fails() {
    JdbcTenantStore noId =
        store(
            schema.jdbcUrl(),
            Map.of(Settings.QUERY_BY_ID.name(), "SELECT name FROM tenants WHERE id = ?"));
    assertThatThrownBy(() -> noId.findById("acme"))
        .isInstanceOf(TenantStoreException.class)
        .hasMessageContaining("no column named id");
  }

  @Test
  void find_missingTable_failsSayingQueryDoesNotFit() {
    JdbcTenantStore wrong =
        store(
            schema.jdbcUrl(),
            Map.of(Settings.QUERY_BY_ID.name(), "SELECT id FROM no_such_table WHERE id = ?"));
    assertThatThrownBy(() -> wrong.findById("acme"))
        .isInstanceOf(TenantStoreException.class)
        .hasMessageContaining("does not fit the database");
    assertThat(wrong.check()).get().asString().contains("does not fit");
  }

  @Test
  void find_databaseUnreachable_failsSayingSo() {
    String nowhere = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/test";
    JdbcTenantStore down = store(nowhere, Map.of());
    assertThatThrownBy(() -> down.findById("acme"))
        .isInstanceOf(TenantStoreException.class)
        .hasMessageContaining("cannot be reached");
  }

  private static int backendPid(DriverDataSource dataSource) throws Exception {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @Test
  void urlDataSource_reusesIdleConnection_andDropsOneTheServerKilled() throws Exception {
    DriverDataSource dataSource =
        DriverDataSource.find(schema.jdbcUrl(), schema.user(), null, 2, Duration.ofSeconds(2),
            getClass().getClassLoader());
    try {
      int first = backendPid(dataSource);
      assertThat(backendPid(dataSource)).as("the idle connection is reused").isEqualTo(first);

      schema.execute("SELECT pg_terminate_backend(" + first + ")");
      int next = backendPid(dataSource);
      assertThat(next).as("a dead connection is not lent out").isNotEqualTo(first);
    } finally {
      dataSource.close();
    }
  }

  @Test
  void check_workingStore_isEmpty() {
    assertThat(store.check()).isEmpty();
  }

  @Test
  void defaultSchema_rejectsMalformedRows() {
    for (String bad :
        List.of(
            "INSERT INTO tenants (id, name) VALUES ('bad id', 'x')",
            "INSERT INTO tenants (id, name, subdomain) VALUES ('x1', 'x', 'Not_A_Label')",
            "INSERT INTO tenants (id, name, settings) VALUES ('x2', 'x', '[1,2]')",
            "INSERT INTO tenant_domains VALUES ('UPPER.example', 'acme')")) {
      assertThatThrownBy(() -> schema.execute(bad)).as(bad).isInstanceOf(IllegalStateException.class);
    }
  }
}
