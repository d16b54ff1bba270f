// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where Jedis's log lines go (docs/operations-logging.md, "Jedis"): Jedis logs through SLF4J.
 * Payara provides no SLF4J provider to applications, so a WAR with the filter alone drops them
 * (SLF4J's no-operation logger); with {@code org.slf4j:slf4j-jdk14} of its SLF4J line in {@code
 * WEB-INF/lib} they reach java.util.logging, the server's log. WildFly gives every deployment its
 * own provider: they reach the server's log either way.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class JedisLoggingIT {

  @Deployment(name = "alone", testable = false)
  static WebArchive alone() {
    return Deployments.war("slf4jalone");
  }

  @Deployment(name = "jdk14", testable = false)
  static WebArchive withJulProvider() {
    File provider = new File(System.getProperty("tf.slf4j.jdk14.jar"));
    assertThat(provider).isFile();
    return Deployments.war("slf4jjdk14").addAsLibraries(provider);
  }

  @Test
  void filterAlone_jedisLinesReachTheServerLogOnlyOnWildFly(
      @ArquillianResource @OperateOnDeployment("alone") URL url) {
    String probe = new Http(url).get("acme.app.localhost", "/slf4jprobe").body();
    if (ItServices.onWildFly()) {
      assertThat(probe).endsWith("reached=true");
    } else {
      assertThat(probe).isEqualTo("factory=org.slf4j.helpers.NOPLoggerFactory reached=false");
    }
  }

  @Test
  void withSlf4jJdk14InTheWar_jedisLinesReachTheServerLog(
      @ArquillianResource @OperateOnDeployment("jdk14") URL url) {
    assertThat(new Http(url).get("acme.app.localhost", "/slf4jprobe").body())
        .endsWith("reached=true");
  }
}
