// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.MalformedURLException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly started with plain {@code standalone.xml}, which has neither MicroProfile Config nor
 * Fault Tolerance: with Redis configured the deployment refuses to start and says why; without
 * Redis it works: its settings come from the operator's system properties
 * (src/wildfly/setup-standalone.cli), read without MicroProfile Config, and override the WAR's
 * web.xml. Run only by the {@code wildfly-plain} failsafe execution.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.Standalone.class)
@RunAsClient
class PlainStandaloneIT {

  @Deployment(name = "redis", managed = false, testable = false)
  static WebArchive withRedis() {
    return Deployments.war("plain-redis",
        contextParam("tenant-filter.redis.url", ItServices.get().getProperty("tf.redis.url")));
  }

  @Deployment(name = "no-redis", testable = false)
  static WebArchive withoutRedis() {
    // the operator's system property (app.localhost) overrides this packaged default
    return Deployments.war("plain-noredis",
        contextParam("tenant-filter.base-domains", "packaged.localhost"));
  }

  @ArquillianResource Deployer deployer;

  @Test
  void deploy_redisWithoutFaultTolerance_refusedWithReason() {
    assertThatThrownBy(() -> deployer.deploy("redis"))
        .hasStackTraceContaining("does not apply MicroProfile Fault Tolerance")
        .hasStackTraceContaining("standalone-microprofile.xml");
  }

  /**
   * The no-redis WAR's URL, from the port WildFly listens on: Arquillian's own lookup of it
   * ({@code @ArquillianResource URL}) comes back empty once the refused deployment has been
   * tried, so it would depend on the order the tests run in.
   */
  private static URL noRedisUrl() throws MalformedURLException {
    int port = 8080 + Integer.parseInt(System.getProperty("tf.wildfly.port.offset"));
    return new URL("http://127.0.0.1:" + port + "/plain-noredis/");
  }

  @Test
  void deploy_withoutRedis_servesTenants_systemPropertyOverridesWebXml() throws Exception {
    Http http = new Http(noRedisUrl());
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    assertThat(http.get("nobody.app.localhost", "/probe/whoami").status()).isEqualTo(404);
    assertThat(http.get("acme.packaged.localhost", "/probe/whoami").status()).isEqualTo(404);
  }
}
