// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.jpa;

import io.github.tenantfilter.api.NoTenantException;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Scopes a transaction's SQL to the current tenant for PostgreSQL row-level security: sets the
 * configuration parameter {@value #PARAMETER} (or one you name) to the tenant's id for the rest
 * of the current transaction, on the connection the transaction uses, with {@code
 * set_config(name, id, true)}. The policies compare their rows with it:
 *
 * <pre>{@code
 * ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
 * CREATE POLICY tenant_isolation ON orders
 *   USING (tenant_id = current_setting('app.tenant_id', true))
 *   WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
 * }</pre>
 *
 * <pre>{@code
 * @Transactional
 * public List<Order> orders() {
 *   TenantRowSecurity.apply(em);          // first thing in the transaction
 *   return em.createQuery("SELECT o FROM Order o", Order.class).getResultList();
 * }
 * }</pre>
 *
 * <p>The value ends with the transaction (PostgreSQL resets a local setting at commit and
 * rollback), so a pooled connection carries nothing to its next borrower. Outside a transaction
 * it would last one statement, so {@link #apply(EntityManager)} refuses to run there. A statement
 * run without it finds no rows and may write none, where the policies read the setting with
 * {@code missing_ok} as above: scoping fails closed. Provider-independent (Hibernate on WildFly,
 * EclipseLink on Payara and Open Liberty): within a JTA transaction every statement of the
 * persistence context runs on the one connection the setting is made on. The database role the
 * application connects as must not own the tables (or the tables must {@code FORCE ROW LEVEL
 * SECURITY}) and must be neither superuser nor {@code BYPASSRLS}.
 */
public final class TenantRowSecurity {

  /** The configuration parameter set by default. */
  public static final String PARAMETER = "app.tenant_id";

  /** A custom parameter name: two identifiers, dot-separated (PostgreSQL requires the dot). */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

  private TenantRowSecurity() {}

  /**
   * Sets {@value #PARAMETER} to the current tenant's id for the rest of {@code em}'s transaction.
   *
   * @throws NoTenantException if this thread has no tenant (an excluded path, a task whose context
   *     clears it, a thread the filter does not run on: pass the tenant with {@link
   *     #apply(EntityManager, Tenant, String)} there)
   * @throws IllegalStateException if {@code em} is not joined to a transaction
   */
  public static void apply(EntityManager em) {
    apply(em, TenantThreadContext.require("the transaction cannot be scoped to a tenant"),
        PARAMETER);
  }

  /**
   * Sets {@code parameter} to {@code tenant}'s id for the rest of {@code em}'s transaction.
   *
   * @throws IllegalStateException if {@code em} is not joined to a transaction
   * @throws IllegalArgumentException if {@code parameter} is not such as {@code app.tenant_id}
   */
  public static void apply(EntityManager em, Tenant tenant, String parameter) {
    Objects.requireNonNull(tenant, "tenant");
    checkName(parameter);
    if (!em.isJoinedToTransaction()) {
      throw new IllegalStateException("no transaction: " + parameter + " would last one"
          + " statement; call TenantRowSecurity.apply inside the transaction");
    }
    em.createNativeQuery("SELECT set_config(?1, ?2, true)")
        .setParameter(1, parameter)
        .setParameter(2, tenant.id())
        .getSingleResult();
  }

  /**
   * Sets {@code parameter} to {@code tenant}'s id for the rest of the transaction on {@code
   * connection}, for JDBC code.
   *
   * @throws IllegalStateException if {@code connection} is in auto-commit mode
   * @throws IllegalArgumentException if {@code parameter} is not such as {@code app.tenant_id}
   */
  public static void apply(Connection connection, Tenant tenant, String parameter)
      throws SQLException {
    Objects.requireNonNull(tenant, "tenant");
    checkName(parameter);
    if (connection.getAutoCommit()) {
      throw new IllegalStateException("auto-commit: " + parameter + " would last one statement;"
          + " call TenantRowSecurity.apply inside a transaction");
    }
    try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
      set.setString(1, parameter);
      set.setString(2, tenant.id());
      set.executeQuery().close();
    }
  }

  private static void checkName(String parameter) {
    if (parameter == null || !NAME.matcher(parameter).matches()) {
      throw new IllegalArgumentException(
          "not a custom configuration parameter such as app.tenant_id: " + parameter);
    }
  }
}
