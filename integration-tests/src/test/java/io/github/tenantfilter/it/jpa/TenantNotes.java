// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.jpa;

import io.github.tenantfilter.jpa.EclipseLinkTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.stream.Collectors;

/**
 * The application's code, the same on both providers: {@code EclipseLinkTenant.apply} first
 * (Hibernate ignores the property; its tenant comes from {@code HibernateTenantResolver}).
 */
@ApplicationScoped
public class TenantNotes {

  @PersistenceContext(unitName = "notes")
  EntityManager em;

  @Transactional
  public String list() {
    EclipseLinkTenant.apply(em);
    return em.createQuery("SELECT n FROM TenantNote n ORDER BY n.body", TenantNote.class)
        .getResultStream().map(TenantNote::body).collect(Collectors.joining(","));
  }

  @Transactional
  public String find(long id) {
    EclipseLinkTenant.apply(em);
    TenantNote note = em.find(TenantNote.class, id);
    return note == null ? "none" : note.body();
  }

  @Transactional
  public long add(String body) {
    EclipseLinkTenant.apply(em);
    TenantNote note = new TenantNote(body);
    em.persist(note);
    em.flush();
    return note.id();
  }

  @Transactional
  public String provider() {
    return em.getDelegate().getClass().getName().contains("hibernate") ? "hibernate"
        : "eclipselink";
  }
}
