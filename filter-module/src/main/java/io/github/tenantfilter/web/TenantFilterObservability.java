// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A CDI portable extension that adds the MicroProfile Health readiness check ({@link
 * TenantFilterHealthCheck}), the MicroProfile Metrics meters ({@link TenantFilterMetrics}) and
 * the Micrometer meters ({@link TenantFilterMicrometer}) only where the server offers those APIs
 * to the application, so that the JAR deploys on servers without them (WildFly with plain {@code
 * standalone.xml} has none; WildFly with {@code standalone-microprofile.xml} has Health, and
 * Micrometer once its {@code micrometer} subsystem is added; Payara has Health and MicroProfile
 * Metrics). Those classes are named here by string, and this class uses no type of those APIs:
 * none is loaded unless its API is there. Registered in {@code
 * META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 *
 * <p>None of them injects the application's runtime: Payara puts a type added by an extension
 * in a bean archive of its own, which cannot see this JAR's beans. The filter's listener hands
 * the runtime over instead ({@link #applicationStarted}); this class is loaded once per
 * application (the JAR sits in {@code WEB-INF/lib}), so its fields are the application's.
 * Internal.
 */
public class TenantFilterObservability implements Extension {

  private static final Logger LOG = Logger.getLogger(TenantFilterObservability.class.getName());

  static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
  static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
  static final String HEALTH_CHECK = "io.github.tenantfilter.web.TenantFilterHealthCheck";
  static final String METRICS = "io.github.tenantfilter.web.TenantFilterMetrics";
  static final String MICROMETER_API = "io.micrometer.core.instrument.MeterRegistry";
  static final String MICROMETER = "io.github.tenantfilter.web.TenantFilterMicrometer";

  /** Each metrics API and the class that publishes the meters through it. */
  private static final List<String[]> PUBLISHERS =
      List.of(new String[] {METRICS_API, METRICS}, new String[] {MICROMETER_API, MICROMETER});

  /** What the application runs, once started. */
  record Started(TenantFilterRuntime runtime, String application) {}

  /** What a metrics publisher needs from this class, without a type of its API in the signature. */
  interface Publisher {
    void register(TenantFilterRuntime runtime, String application);

    void unregister();
  }

  private static volatile Started started;
  /** The application's publisher beans (client proxies), found after deployment validation. */
  private static volatile List<Publisher> publisherBeans = List.of();
  /** Those that registered their meters. */
  private static volatile List<Publisher> publishing = List.of();

  void addWhereAvailable(@Observes BeforeBeanDiscovery discovery) {
    ClassLoader loader = TenantFilterObservability.class.getClassLoader();
    add(discovery, loader, HEALTH_API, HEALTH_CHECK, "MicroProfile Health: no readiness check");
    add(discovery, loader, METRICS_API, METRICS, "MicroProfile Metrics: no meters there");
    add(discovery, loader, MICROMETER_API, MICROMETER, "Micrometer: no meters there");
  }

  private static void add(BeforeBeanDiscovery discovery, ClassLoader loader, String api,
      String type, String without) {
    if (!available(api, loader)) {
      LOG.info("tenant-filter: no " + without);
      return;
    }
    try {
      Class<?> bean = Class.forName(type, false, loader);
      discovery.addAnnotatedType(bean, TenantFilterObservability.class.getName() + "." + type)
          .add(ApplicationScoped.Literal.INSTANCE);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.warning("tenant-filter: could not add " + type + " (" + e + ")");
    }
  }

  /**
   * Finds the publisher beans: Payara's MetricRegistry producer wants a real injection point, so
   * a registry comes to its bean by injection, not by lookup here.
   */
  void findPublishers(@Observes AfterDeploymentValidation validated, BeanManager manager) {
    ClassLoader loader = TenantFilterObservability.class.getClassLoader();
    List<Publisher> found = new ArrayList<>();
    for (String[] publisher : PUBLISHERS) {
      if (!available(publisher[0], loader)) {
        continue;
      }
      try {
        Instance<Object> beans = manager.createInstance()
            .select(Class.forName(publisher[1], false, loader).asSubclass(Object.class));
        if (beans.isResolvable()) {
          found.add((Publisher) beans.get());
        } else {
          LOG.info("tenant-filter: " + publisher[1] + " is out of reach: no meters there");
        }
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        LOG.log(Level.WARNING, "tenant-filter: " + publisher[1] + " is out of reach", e);
      }
    }
    publisherBeans = List.copyOf(found);
  }

  /** The filter's listener started {@code runtime} for the application at {@code path}. */
  static void applicationStarted(TenantFilterRuntime runtime, String path) {
    String application = path == null || path.isEmpty() ? "/" : path;
    started = new Started(runtime, application);
    if (!publishing.isEmpty()) {
      return;
    }
    List<Publisher> registered = new ArrayList<>();
    for (Publisher bean : publisherBeans) {
      try {
        bean.register(runtime, application);
        registered.add(bean);
      } catch (LinkageError | RuntimeException e) {
        LOG.log(Level.WARNING, "tenant-filter: could not register the meters", e);
      }
    }
    publishing = List.copyOf(registered);
  }

  /** The application stops: the meters go, and nothing here holds it any more. */
  static void applicationStopped() {
    List<Publisher> current = publishing;
    publishing = List.of();
    for (Publisher publisher : current) {
      try {
        publisher.unregister();
      } catch (LinkageError | RuntimeException e) {
        LOG.log(Level.FINE, "tenant-filter: could not remove the meters", e);
      }
    }
    started = null;
    publisherBeans = List.of();
  }

  /** The application's runtime and context path, or {@code null} before it started. */
  static Started started() {
    return started;
  }

  /** Whether {@code loader} sees the class {@code api}. */
  static boolean available(String api, ClassLoader loader) {
    try {
      Class.forName(api, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
