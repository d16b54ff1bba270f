// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.jpa;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.NoTenantException;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Hibernate and EclipseLink hooks; on the servers in JpaTenantEntitiesIT. */
class ProviderHooksTest {

  private final HibernateTenantResolver hibernate = new HibernateTenantResolver();
  private final EntityManager em = mock(EntityManager.class);

  private static <T> T with(Optional<Tenant> tenant, java.util.function.Supplier<T> work) {
    Optional<Tenant> previous = TenantThreadContext.enter(tenant);
    try {
      return work.get();
    } finally {
      TenantThreadContext.restore(previous);
    }
  }

  @Test
  void hibernate_givesTheThreadsTenant_andFailsWithoutOne() {
    assertThat(with(Optional.of(tenant("acme", "acme")),
        hibernate::resolveCurrentTenantIdentifier)).isEqualTo("acme");
    assertThatThrownBy(() -> with(Optional.empty(), hibernate::resolveCurrentTenantIdentifier))
        .isInstanceOf(NoTenantException.class);
    assertThatThrownBy(hibernate::resolveCurrentTenantIdentifier)
        .isInstanceOf(NoTenantException.class);
    assertThat(hibernate.validateExistingCurrentSessions()).isTrue();
  }

  @Test
  void eclipseLink_setsTheProperty_inATransactionWithATenantOnly() {
    when(em.isJoinedToTransaction()).thenReturn(true);
    with(Optional.of(tenant("globex", "globex")), () -> {
      EclipseLinkTenant.apply(em);
      return null;
    });
    verify(em).setProperty("eclipselink.tenant-id", "globex");

    EntityManager other = mock(EntityManager.class);
    assertThatThrownBy(() -> EclipseLinkTenant.apply(other))
        .isInstanceOf(NoTenantException.class);
    when(other.isJoinedToTransaction()).thenReturn(false);
    assertThatThrownBy(() -> with(Optional.of(tenant("acme", "acme")), () -> {
      EclipseLinkTenant.apply(other);
      return null;
    })).isInstanceOf(IllegalStateException.class);
    verify(other, never()).setProperty(anyString(), any());
  }
}
