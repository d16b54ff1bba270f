// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.internal.cache.CircuitBreakerConfigSource;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.RegionSettings;
import io.github.tenantfilter.internal.config.Setting;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import jakarta.inject.Inject;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Starts the tenant-filter with the web application, so that a bad setting fails the deployment
 * and the {@link io.github.tenantfilter.api.TenantCache} works from the first moment; stops it
 * with the application; and unbinds the tenant when a request ends. Declared by the JAR's {@code
 * web-fragment.xml}.
 */
public class TenantFilterListener implements ServletContextListener, ServletRequestListener {

  private static final Logger LOG = Logger.getLogger(TenantFilterListener.class.getName());
  private static final String PREFIX = "tenant-filter.";
  private static final Set<String> KNOWN =
      Settings.ALL.stream().map(Setting::name).collect(Collectors.toUnmodifiableSet());

  @Inject TenantFilterRuntime runtime;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    start(runtime, event.getServletContext(), null);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    TenantFilterObservability.applicationStopped();
    runtime.stop();
  }

  @Override
  public void requestDestroyed(ServletRequestEvent event) {
    ServletRequest request = event.getServletRequest();
    if (!request.isAsyncStarted()) {
      request.removeAttribute(CurrentTenant.REQUEST_ATTRIBUTE);
      request.removeAttribute(TenantFilter.HANDLED);
    }
  }

  /**
   * Reads the settings and starts {@code runtime} unless it runs already.
   *
   * @param filterConfig the filter's config when called from the filter, else {@code null}
   * @throws InvalidSettingException if a setting is invalid; the deployment fails
   */
  static void start(TenantFilterRuntime runtime, ServletContext context, FilterConfig filterConfig) {
    if (runtime.isStarted()) {
      return;
    }
    try {
      Map<String, String> initParams = initParams(context, filterConfig);
      Map<String, String> contextParams = new HashMap<>();
      for (String name : Collections.list(context.getInitParameterNames())) {
        if (name.startsWith(PREFIX)) {
          contextParams.put(name, context.getInitParameter(name));
        }
      }
      checkNames(initParams, "filter init-param");
      checkNames(contextParams, "context-param");
      SettingsReader reader =
          SettingsReader.standard(initParams, contextParams, context.getClassLoader());
      TenantFilterConfig config = TenantFilterConfig.read(reader);
      List<String> names = new ArrayList<>(initParams.keySet());
      names.addAll(contextParams.keySet());
      names.addAll(RegionSettings.namesInProcess(
          context.getClassLoader()));
      RegionSettings.check(reader, names);
      runtime.useSettings(reader);
      if (config.redisUrl() != null) {
        checkCircuitReachedFaultTolerance(config, initParams, contextParams, context.getClassLoader());
      }
      runtime.start(config, context.getClassLoader());
      TenantFilterObservability.applicationStarted(runtime, context.getContextPath());
      if (config.enabled() && config.jmx()) {
        runtime.registerJmx(context.getContextPath(), reader.shown());
      }
      StatsPage.register(runtime, context, reader, filterConfig == null);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, e.getMessage());
      throw e;
    }
  }

  private static Map<String, String> initParams(ServletContext context, FilterConfig config) {
    Map<String, String> params = new HashMap<>();
    if (config != null) {
      for (String name : Collections.list(config.getInitParameterNames())) {
        params.put(name, config.getInitParameter(name));
      }
    } else {
      FilterRegistration registration = context.getFilterRegistration(TenantFilter.NAME);
      if (registration != null) {
        params.putAll(registration.getInitParameters());
      }
    }
    return params;
  }

  /**
   * The server's Fault Tolerance reads the breaker's settings through {@link
   * CircuitBreakerConfigSource}, which finds web.xml on its own (WildFly asks before the
   * container has read it). Where it could not, a web.xml value would be silently ignored: the
   * deployment fails instead.
   */
  private static void checkCircuitReachedFaultTolerance(
      TenantFilterConfig config, Map<String, String> initParams,
      Map<String, String> contextParams, ClassLoader loader) {
    long[] inEffect = CircuitBreakerConfigSource.inEffect(loader);
    if (inEffect == null) {
      return; // no MicroProfile Config: the Fault Tolerance check at startup refuses Redis
    }
    check(Settings.REDIS_CIRCUIT_THRESHOLD, config.redisCircuitThreshold(), inEffect[0],
        initParams, contextParams);
    check(Settings.REDIS_CIRCUIT_TIMEOUT, config.redisCircuitTimeoutSeconds(),
        inEffect[1] / 1000, initParams, contextParams);
  }

  private static void check(Setting<Integer> setting, long wanted, long inEffect,
      Map<String, String> initParams, Map<String, String> contextParams) {
    boolean inWebXml =
        initParams.containsKey(setting.name()) || contextParams.containsKey(setting.name());
    if (inWebXml && wanted != inEffect) {
      throw new InvalidSettingException(
          setting.name(), setting.name() + " is " + wanted + " in web.xml, but the server's"
              + " MicroProfile Fault Tolerance uses " + inEffect + ": it could not read this"
              + " application's WEB-INF/web.xml. Set it as MicroProfile Config"
              + " (microprofile-config.properties, a system property, the admin console) or"
              + " with the environment variable " + String.join(" or ",
                  setting.environmentNames()) + ".");
    }
  }

  private static void checkNames(Map<String, String> params, String origin) {
    for (String name : params.keySet()) {
      if (name.startsWith(PREFIX) && !KNOWN.contains(name)
          && !RegionSettings.isRegionSetting(name)) {
        throw new InvalidSettingException(
            name, "unknown setting " + name + " (" + origin + "); known settings: "
                + Settings.ALL.stream().map(Setting::name).collect(Collectors.joining(", ")));
      }
    }
  }
}
