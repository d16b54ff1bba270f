// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.rls;

import io.github.tenantfilter.jpa.TenantRowSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The application's data access, through JPA on a DataSource whose role is subject to the row
 * level security policy of {@code tf_rls_notes}.
 */
@ApplicationScoped
public class NotesRepository {

  @PersistenceContext(unitName = "rls")
  EntityManager em;

  /** The notes this transaction may see, scoped to the current tenant. */
  @Transactional
  public String scoped() {
    TenantRowSecurity.apply(em);
    return bodies();
  }

  /** The notes a transaction sees that was not scoped (none, if scoping fails closed). */
  @Transactional
  public String unscoped() {
    return bodies();
  }

  /** Writes a note for {@code tenantId} in a transaction scoped to the current tenant. */
  @Transactional
  public void insertFor(String tenantId, String body) {
    TenantRowSecurity.apply(em);
    em.createNativeQuery("INSERT INTO tf_rls_notes (tenant_id, body) VALUES (?1, ?2)")
        .setParameter(1, tenantId)
        .setParameter(2, body)
        .executeUpdate();
  }

  /** Scoping without a transaction: refused. */
  public void outsideTransaction() {
    TenantRowSecurity.apply(em);
  }

  private String bodies() {
    List<?> rows = em.createNativeQuery("SELECT body FROM tf_rls_notes ORDER BY body")
        .getResultList();
    return rows.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
