// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * A tenant-scoped entity for both providers: Hibernate reads {@code @TenantId} (EclipseLink, not
 * finding the annotation's class, ignores it); EclipseLink reads {@code
 * META-INF/eclipselink-orm.xml}, which makes the entity {@code @Multitenant} on {@code
 * tenant_id} and this field transient (Hibernate ignores that file).
 */
@Entity
@Table(name = "tf_jpa_notes")
public class TenantNote {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @TenantId
  @Column(name = "tenant_id")
  String tenantId;

  @Column(name = "body")
  String body;

  protected TenantNote() {}

  public TenantNote(String body) {
    this.body = body;
  }

  public Long id() {
    return id;
  }

  public String body() {
    return body;
  }
}
