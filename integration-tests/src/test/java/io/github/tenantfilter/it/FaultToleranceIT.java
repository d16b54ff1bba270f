// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.Ports;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server really applies the MicroProfile Fault Tolerance annotation around Redis: with Redis
 * unreachable, exactly three calls reach it, and the circuit keeps every later request away from
 * it. If the server ignored the annotation, every request would try Redis (and the deployment
 * would have been refused at startup).
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class FaultToleranceIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    // a port where nothing listens: every Redis call fails at once
    return Deployments.war(
        "faulttolerance",
        contextParam("tenant-filter.redis.url", "redis://127.0.0.1:" + Ports.free()));
  }

  @ArquillianResource URL url;

  private static Map<String, String> stats(Http http) {
    Map<String, String> values = new HashMap<>();
    for (String part : http.get("acme.app.localhost", "/probe/stats").body().split(" ")) {
      String[] pair = part.split("=");
      values.put(pair[0], pair[1]);
    }
    return values;
  }

  @Test
  void redisUnreachable_circuitOpensAfterThreeFailures_requestsStillServed() {
    Http http = new Http(url);
    for (int i = 0; i < 10; i++) {
      assertThat(http.get("nobody-" + i + ".localhost", "/probe/whoami").status())
          .as("unknown host %d", i)
          .isEqualTo(404);
    }
    assertThat(http.get("globex.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=globex cdi=globex");

    Map<String, String> stats = stats(http);
    System.out.printf("%s: %s calls reached the dead Redis, the circuit kept %s away%n",
        ItServices.server(), stats.get("redisErrors"), stats.get("redisSkipped"));
    assertThat(stats.get("redisErrors")).as("calls that reached the dead Redis").isEqualTo("3");
    // 10 unknown hosts + globex + the stats request's own lookup: 12 lookups, 3 reached Redis
    assertThat(stats.get("redisSkipped")).as("calls the open circuit kept away").isEqualTo("9");
    assertThat(stats.get("redisCircuitOpen")).isEqualTo("true");

    // Regression: Payara took the configured delay as milliseconds whatever its unit, so a
    // 60-second circuit half-opened after 60 ms and let a call through every few requests. The
    // delay is now given in milliseconds: 40 more requests at once reach Redis 0 times.
    for (int i = 0; i < 40; i++) {
      http.get("again-" + i + ".localhost", "/probe/whoami");
    }
    stats = stats(http);
    assertThat(stats.get("redisErrors")).as("still the three that opened it").isEqualTo("3");
    assertThat(stats.get("redisSkipped")).isEqualTo("49");
  }
}
