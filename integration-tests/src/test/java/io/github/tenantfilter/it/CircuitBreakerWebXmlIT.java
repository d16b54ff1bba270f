// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.Ports;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The circuit breaker's settings set in web.xml reach the server's Fault Tolerance: WildFly reads
 * them while CDI validates the deployment, before the container has read web.xml, so the JAR
 * reads the file itself. The filter init-param wins over the context-param, as for every
 * setting.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class CircuitBreakerWebXmlIT {

  private static final String KEY =
      "io.github.tenantfilter.internal.cache.RedisCircuitBreaker/call/CircuitBreaker/";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war(
        "circuitwebxml",
        contextParam("tenant-filter.redis.url", "redis://127.0.0.1:" + Ports.free())
            + contextParam("tenant-filter.redis.circuit.threshold", "9")
            + contextParam("tenant-filter.redis.circuit.timeout", "120")
            // the whole declaration: Payara refuses a <filter> that only adds init-params
            + "<filter><filter-name>TenantFilter</filter-name>"
            + "<filter-class>io.github.tenantfilter.web.TenantFilter</filter-class>"
            + "<async-supported>true</async-supported>"
            + "<init-param><param-name>tenant-filter.redis.circuit.threshold</param-name>"
            + "<param-value>5</param-value></init-param></filter>");
  }

  @ArquillianResource URL url;

  @Test
  void circuitSettingsInWebXml_reachFaultTolerance() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/setting?name=" + KEY
        + "requestVolumeThreshold").body()).isEqualTo("5");
    assertThat(http.get("acme.app.localhost", "/probe/setting?name=" + KEY + "delay").body())
        .isEqualTo("120000");
  }

  @Test
  void thresholdFromWebXml_opensTheCircuitAfterThatManyFailures() {
    Http http = new Http(url);
    for (int i = 0; i < 12; i++) {
      assertThat(http.get("nobody-" + i + ".localhost", "/probe/whoami").status()).isEqualTo(404);
    }
    String stats = http.get("globex.app.localhost", "/probe/stats").body();
    assertThat(stats).contains("redisErrors=5 ").contains("redisCircuitOpen=true");
  }
}
