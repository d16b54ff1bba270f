// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

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
 * With {@code tenant-filter.jmx=true}, each application registers its own bean in the server's
 * platform MBean server, named by its context path, so two WARs do not clash; without it,
 * nothing is registered.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class JmxIT {

  @Deployment(name = "shop", testable = false)
  static WebArchive shop() {
    return Deployments.war("jmxshop", contextParam("tenant-filter.jmx", "true"));
  }

  @Deployment(name = "admin", testable = false)
  static WebArchive admin() {
    return Deployments.war("jmxadmin", contextParam("tenant-filter.jmx", "true"));
  }

  @Deployment(name = "off", testable = false)
  static WebArchive off() {
    return Deployments.war("jmxoff");
  }

  /**
   * WildFly holds the three WARs in one JVM: two beans, by context path. Payara Micro's
   * Arquillian connector boots one Payara Micro per deployment, so there each JVM shows its own.
   */
  @Test
  void eachApplicationItsOwnBean_noneWithoutTheSetting(
      @ArquillianResource @OperateOnDeployment("shop") URL shop,
      @ArquillianResource @OperateOnDeployment("off") URL off) {
    String shopBean = "io.github.tenantfilter:type=TenantFilter,application=\"/jmxshop\"";
    String adminBean = "io.github.tenantfilter:type=TenantFilter,application=\"/jmxadmin\"";
    String fromOff = new Http(off).get("acme.app.localhost", "/jmxprobe").body();
    if (ItServices.onWildFly()) {
      assertThat(fromOff).isEqualTo("names=[" + adminBean + ", " + shopBean + "]");
    } else {
      assertThat(fromOff).isEqualTo("names=[]");
      assertThat(new Http(shop).get("acme.app.localhost", "/jmxprobe").body())
          .isEqualTo("names=[" + shopBean + "]");
    }
  }

  @Test
  void bean_countsItsApplicationsLookups_masksSecrets_invalidates(
      @ArquillianResource @OperateOnDeployment("shop") URL shop,
      @ArquillianResource @OperateOnDeployment("admin") URL admin) {
    Http shopHttp = new Http(shop);
    long before = Long.parseLong(shopHttp.get("acme.app.localhost",
        "/jmxprobe?app=/jmxshop&attribute=Lookups").body());
    for (int i = 0; i < 5; i++) {
      new Http(admin).get("globex.app.localhost", "/probe/whoami");
    }
    long after = Long.parseLong(shopHttp.get("acme.app.localhost",
        "/jmxprobe?app=/jmxshop&attribute=Lookups").body());
    // the probe request's own lookup only: the other application's requests are not counted
    assertThat(after - before).isEqualTo(1);
    String url = shopHttp.get("acme.app.localhost",
        "/jmxprobe?app=/jmxshop&attribute=Settings&key=tenant-filter.redis.url").body();
    assertThat(url).startsWith("redis://");
    assertThat(shopHttp.get("acme.app.localhost",
        "/jmxprobe?app=/jmxshop&attribute=Settings&key=tenant-filter.jmx").body())
        .isEqualTo("true");
    assertThat(shopHttp.get("acme.app.localhost", "/jmxprobe?app=/jmxshop&invalidate=acme")
        .body()).isEqualTo("invalidated");
    assertThat(shopHttp.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
  }
}
