// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.jpa;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.NoTenantException;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks around the SQL; the SQL itself runs against PostgreSQL in RowLevelSecurityIT. */
class TenantRowSecurityTest {

  private final EntityManager em = mock(EntityManager.class);
  private final Query query = mock(Query.class);
  private final Tenant acme = tenant("acme", "acme");

  TenantRowSecurityTest() {
    when(em.createNativeQuery(any(String.class))).thenReturn(query);
    when(query.setParameter(anyInt(), any())).thenReturn(query);
  }

  @Test
  void apply_inATransaction_setsTheThreadsTenantLocally() {
    when(em.isJoinedToTransaction()).thenReturn(true);
    Optional<Tenant> previous = TenantThreadContext.enter(Optional.of(acme));
    try {
      TenantRowSecurity.apply(em);
    } finally {
      TenantThreadContext.restore(previous);
    }
    verify(em).createNativeQuery("SELECT set_config(?1, ?2, true)");
    verify(query).setParameter(1, "app.tenant_id");
    verify(query).setParameter(2, "acme");
    verify(query).getSingleResult();
  }

  @Test
  void apply_withoutATenant_refusesBeforeAnySql() {
    when(em.isJoinedToTransaction()).thenReturn(true);
    assertThatThrownBy(() -> TenantRowSecurity.apply(em)).isInstanceOf(NoTenantException.class);
    Optional<Tenant> previous = TenantThreadContext.enter(Optional.empty());
    try {
      assertThatThrownBy(() -> TenantRowSecurity.apply(em))
          .isInstanceOf(NoTenantException.class);
    } finally {
      TenantThreadContext.restore(previous);
    }
    verify(em, never()).createNativeQuery(any(String.class));
  }

  @Test
  void apply_outsideATransaction_isRefused() throws Exception {
    when(em.isJoinedToTransaction()).thenReturn(false);
    assertThatThrownBy(() -> TenantRowSecurity.apply(em, acme, "app.tenant_id"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no transaction");
    Connection connection = mock(Connection.class);
    when(connection.getAutoCommit()).thenReturn(true);
    assertThatThrownBy(() -> TenantRowSecurity.apply(connection, acme, "app.tenant_id"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("auto-commit");
    verify(connection, never()).prepareStatement(any(String.class));
  }

  @Test
  void apply_parameterThatIsNoCustomName_isRefused() {
    when(em.isJoinedToTransaction()).thenReturn(true);
    for (String bad : new String[] {"tenant_id", "search_path", "app.tenant_id; DROP", "App.x",
        "app.", ".x", "a.b.c", ""}) {
      assertThatThrownBy(() -> TenantRowSecurity.apply(em, acme, bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> TenantRowSecurity.apply(em, acme, null))
        .isInstanceOf(IllegalArgumentException.class);
    TenantRowSecurity.apply(em, acme, "myapp.org_id");
    verify(query).setParameter(1, "myapp.org_id");
    assertThat(TenantRowSecurity.PARAMETER).isEqualTo("app.tenant_id");
  }
}
