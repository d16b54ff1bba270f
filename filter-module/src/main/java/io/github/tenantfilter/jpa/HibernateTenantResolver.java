// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.jpa;

import io.github.tenantfilter.api.NoTenantException;
import io.github.tenantfilter.context.TenantThreadContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate's current tenant, from the request (or the managed task) being served: with it,
 * entities with a {@code @org.hibernate.annotations.TenantId} field are read and written for
 * that tenant only, Hibernate adding the condition to every query and setting the field on
 * persist. Name it in {@code persistence.xml}:
 *
 * <pre>{@code
 * <property name="hibernate.tenant_identifier_resolver"
 *           value="io.github.tenantfilter.jpa.HibernateTenantResolver"/>
 * }</pre>
 *
 * <p>A session opened where there is no tenant (an excluded path, a task whose context clears
 * it, a thread of the application's own) fails with {@link NoTenantException}: never all tenants'
 * rows, never a guessed one. For Hibernate 6 and 7 (WildFly ships it); the filter's JAR does not
 * need Hibernate unless this class is named.
 */
public class HibernateTenantResolver implements CurrentTenantIdentifierResolver<String> {

  /** For Hibernate, which makes it from the class name. */
  public HibernateTenantResolver() {}

  @Override
  public String resolveCurrentTenantIdentifier() {
    return TenantThreadContext.require("a Hibernate session for tenant-scoped entities cannot"
        + " open here").id();
  }

  /** A current session opened for another tenant is not reused for this one. */
  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }
}
