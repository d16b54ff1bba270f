package io.github.tenantfilter.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;

/**
 * A CDI portable extension that adds the MicroProfile Health readiness check ({@link
 * TenantFilterHealthCheck}) and the MicroProfile Metrics gauges ({@link TenantFilterMetrics})
 * only where the server offers those APIs to the application, so that the JAR deploys on
 * servers without them (WildFly with plain {@code standalone.xml} has neither; WildFly with
 * {@code standalone-microprofile.xml} has Health but not Metrics). Those classes are named here
 * by string: neither is loaded unless its API is there. Registered in {@code
 * META-INF/services/jakarta.enterprise.inject.spi.Extension}. Internal.
 */
public class TenantFilterObservability implements Extension {

  private static final Logger LOG = Logger.getLogger(TenantFilterObservability.class.getName());

  static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
  static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
  static final String HEALTH_CHECK = "io.github.tenantfilter.web.TenantFilterHealthCheck";
  static final String METRICS = "io.github.tenantfilter.web.TenantFilterMetrics";

  void addWhereAvailable(@Observes BeforeBeanDiscovery discovery, BeanManager manager) {
    ClassLoader loader = TenantFilterObservability.class.getClassLoader();
    add(discovery, loader, HEALTH_API, HEALTH_CHECK, "MicroProfile Health readiness check");
    add(discovery, loader, METRICS_API, METRICS, "MicroProfile Metrics gauges");
  }

  private static void add(
      BeforeBeanDiscovery discovery, ClassLoader loader, String api, String type, String what) {
    if (!available(api, loader)) {
      LOG.info("tenant-filter: no " + api.substring(0, api.lastIndexOf('.'))
          + " on this server: no " + what);
      return;
    }
    Class<?> bean;
    try {
      bean = Class.forName(type, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.warning("tenant-filter: could not load " + type + " (" + e + "): no " + what);
      return;
    }
    discovery.addAnnotatedType(bean, TenantFilterObservability.class.getName() + "." + type)
        .add(ApplicationScoped.Literal.INSTANCE);
    LOG.fine("tenant-filter: " + what + " added");
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
