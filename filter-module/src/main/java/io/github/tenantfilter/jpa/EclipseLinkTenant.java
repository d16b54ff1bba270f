// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.jpa;

import io.github.tenantfilter.api.NoTenantException;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import jakarta.persistence.EntityManager;

/**
 * EclipseLink's tenant (Payara and Open Liberty ship EclipseLink): sets the entity manager's
 * {@value #PROPERTY} to the current tenant's id, for entities mapped {@code @Multitenant} with a
 * {@code @TenantDiscriminatorColumn}; EclipseLink then reads and writes that tenant's rows only.
 *
 * <pre>{@code
 * @Transactional
 * public List<Order> orders() {
 *   EclipseLinkTenant.apply(em);            // before the entity manager's first operation
 *   return em.createQuery("SELECT o FROM Order o", Order.class).getResultList();
 * }
 * }</pre>
 *
 * <p>EclipseLink requires the property before the entity manager's first operation: with a
 * container-managed entity manager that is the start of each transaction. Without a tenant it
 * throws {@link NoTenantException} and sets nothing.
 */
public final class EclipseLinkTenant {

  /** EclipseLink's default context property for the tenant discriminator. */
  public static final String PROPERTY = "eclipselink.tenant-id";

  private EclipseLinkTenant() {}

  /**
   * Sets {@value #PROPERTY} on {@code em} to the current tenant's id.
   *
   * @throws NoTenantException if this thread has no tenant
   * @throws IllegalStateException if {@code em} is not joined to a transaction
   */
  public static void apply(EntityManager em) {
    Tenant tenant = TenantThreadContext.require("EclipseLink's tenant property cannot be set");
    if (!em.isJoinedToTransaction()) {
      throw new IllegalStateException("no transaction: a container-managed entity manager would"
          + " not keep " + PROPERTY + "; call EclipseLinkTenant.apply inside the transaction");
    }
    em.setProperty(PROPERTY, tenant.id());
  }
}
