// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Installs the filter of the variant named by the system property {@code bench.variant}: {@code
 * no-cache} or {@code original-fix}. The other variants ({@code ceiling}, {@code tenant-filter})
 * need none here: tenant-filter comes with its JAR and is switched by {@code
 * tenant-filter.enabled}.
 */
@WebListener
public final class BenchVariants implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    String variant = System.getProperty("bench.variant", "tenant-filter");
    Class<? extends Filter> filter =
        switch (variant) {
          case "no-cache" -> NoCacheFilter.class;
          case "original-fix" -> OriginalFixFilter.class;
          case "ceiling", "tenant-filter" -> null;
          default -> throw new IllegalStateException("unknown bench.variant " + variant);
        };
    if (filter != null) {
      context.addFilter(variant, filter)
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/hello");
    }
    context.log("load benchmark variant: " + variant);
  }
}
