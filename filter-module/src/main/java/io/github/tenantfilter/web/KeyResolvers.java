// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.TenantKeyResolver;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/** The application's {@link TenantKeyResolver} beans, in the order the filter asks them. */
final class KeyResolvers {

  /** The priority of a resolver without {@code @Priority}. */
  static final int DEFAULT_PRIORITY = 1000;

  private static final Logger LOG = Logger.getLogger(KeyResolvers.class.getName());

  private KeyResolvers() {}

  /** A bean, its class (not its client proxy's) and its priority. */
  private record Ranked(TenantKeyResolver resolver, Class<?> type, int priority) {}

  /** Lowest {@code @Priority} first (none: {@value #DEFAULT_PRIORITY}), ties by class name. */
  static List<TenantKeyResolver> ordered(Instance<TenantKeyResolver> beans) {
    if (beans == null || beans.isUnsatisfied()) {
      return List.of();
    }
    List<Ranked> ranked = new ArrayList<>();
    for (Instance.Handle<TenantKeyResolver> handle : beans.handles()) {
      Class<?> type = handle.getBean().getBeanClass();
      Priority priority = type.getAnnotation(Priority.class);
      ranked.add(new Ranked(handle.get(), type,
          priority == null ? DEFAULT_PRIORITY : priority.value()));
    }
    ranked.sort(Comparator.comparingInt(Ranked::priority)
        .thenComparing(r -> r.type().getName()));
    for (Ranked r : ranked) {
      LOG.info("tenant-filter: asks the application's tenant key resolver " + r.type().getName()
          + " (priority " + r.priority() + ")");
    }
    return ranked.stream().map(Ranked::resolver).toList();
  }
}
