package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
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
 * WildFly started with plain {@code standalone.xml}, which has neither MicroProfile Config nor
 * Fault Tolerance: with Redis configured the deployment refuses to start and says why; without
 * Redis it works (settings from the operator's system properties, read without MicroProfile
 * Config). Run only by the {@code wildfly-plain} failsafe execution.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class PlainStandaloneIT {

  @Deployment(name = "redis", managed = false, testable = false)
  static WebArchive withRedis() {
    return Deployments.war("plain-redis"); // Redis from the operator's system property
  }

  @Deployment(name = "no-redis", testable = false)
  static WebArchive withoutRedis() {
    return Deployments.war("plain-noredis", contextParam("tenant-filter.redis.url", ""));
  }

  @ArquillianResource Deployer deployer;

  @Test
  void deploy_redisWithoutFaultTolerance_refusedWithReason() {
    assertThatThrownBy(() -> deployer.deploy("redis"))
        .hasStackTraceContaining("does not apply MicroProfile Fault Tolerance")
        .hasStackTraceContaining("standalone-microprofile.xml");
  }

  @Test
  @OperateOnDeployment("no-redis")
  void deploy_withoutRedis_servesTenants(@ArquillianResource URL url) {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    assertThat(http.get("nobody.app.localhost", "/probe/whoami").status()).isEqualTo(404);
  }
}
