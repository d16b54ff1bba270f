package io.github.tenantfilter.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A CDI portable extension that adds the MicroProfile Health readiness check ({@link
 * TenantFilterHealthCheck}) and the MicroProfile Metrics gauges ({@link TenantFilterMetrics})
 * only where the server offers those APIs to the application, so that the JAR deploys on
 * servers without them (WildFly with plain {@code standalone.xml} has neither; WildFly with
 * {@code standalone-microprofile.xml} has Health but not Metrics). Those classes are named here
 * by string, and this class uses no MicroProfile type: neither is loaded unless its API is there.
 * Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 *
 * <p>Neither class injects the application's runtime: Payara puts a type added by an extension
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

  /** What the application runs, once started. */
  record Started(TenantFilterRuntime runtime, String application) {}

  /** What gauges need from this class, without a MicroProfile type in its signature. */
  interface Gauges {
    void register(TenantFilterRuntime runtime, String application);

    void unregister();
  }

  private static volatile Started started;
  /** The application's gauges bean (a client proxy), found after deployment validation. */
  private static volatile Gauges gaugesBean;
  private static volatile Gauges gauges;

  void addWhereAvailable(@Observes BeforeBeanDiscovery discovery) {
    ClassLoader loader = TenantFilterObservability.class.getClassLoader();
    add(discovery, loader, HEALTH_API, HEALTH_CHECK, "MicroProfile Health: no readiness check");
    add(discovery, loader, METRICS_API, METRICS, "MicroProfile Metrics: no gauges");
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
   * Finds the gauges bean: Payara's MetricRegistry producer wants a real injection point, so the
   * registry comes to that bean by injection, not by lookup here.
   */
  void findGauges(@Observes AfterDeploymentValidation validated, BeanManager manager) {
    ClassLoader loader = TenantFilterObservability.class.getClassLoader();
    gaugesBean = null;
    if (!available(METRICS_API, loader)) {
      return;
    }
    try {
      Instance<Object> beans = manager.createInstance()
          .select(Class.forName(METRICS, false, loader).asSubclass(Object.class));
      if (beans.isResolvable()) {
        gaugesBean = (Gauges) beans.get();
      } else {
        LOG.info("tenant-filter: the gauges bean is out of reach: no gauges");
      }
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      LOG.log(Level.WARNING, "tenant-filter: no gauges, the gauges bean is out of reach", e);
    }
  }

  /** The filter's listener started {@code runtime} for the application at {@code path}. */
  static void applicationStarted(TenantFilterRuntime runtime, String path) {
    String application = path == null || path.isEmpty() ? "/" : path;
    started = new Started(runtime, application);
    Gauges bean = gaugesBean;
    if (bean != null && gauges == null) {
      try {
        bean.register(runtime, application);
        gauges = bean;
      } catch (LinkageError | RuntimeException e) {
        LOG.log(Level.WARNING, "tenant-filter: could not register the gauges", e);
      }
    }
  }

  /** The application stops: the gauges go, and nothing here holds it any more. */
  static void applicationStopped() {
    Gauges current = gauges;
    gauges = null;
    if (current != null) {
      current.unregister();
    }
    started = null;
    gaugesBean = null;
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
