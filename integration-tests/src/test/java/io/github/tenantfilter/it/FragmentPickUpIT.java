// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.LocalRedis;
import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * A WAR with no web.xml and no settings of its own on a server the operator set up (DataSource,
 * Redis and base domain from the asadmin / jboss-cli scripts in src/): the JAR in WEB-INF/lib is
 * all it takes.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class FragmentPickUpIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("fragment");
  }

  @ArquillianResource URL url;

  private Http http() {
    return new Http(url);
  }

  @Test
  void request_knownSubdomain_isResolvedWithNoWebXml() {
    RawHttp.Response response = http().get("acme.app.localhost", "/probe/whoami");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("tenant=acme cdi=acme");
  }

  @Test
  void request_customDomain_isResolved() {
    assertThat(http().get("acme-corp.localhost:8080", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
  }

  @Test
  void request_unknownTenant_returns404() {
    RawHttp.Response response = http().get("nobody.app.localhost", "/probe/whoami");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("Not Found: unknown tenant\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad..host", "a_b.app.localhost", "-acme.app.localhost"})
  void request_malformedHost_returns400(String host) {
    RawHttp.Response response = http().get(host, "/probe/whoami");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).startsWith("Bad Request");
  }

  /**
   * Hosts with a path or a bad port: WildFly's Undertow answers 400 itself before any filter,
   * Payara's Grizzly passes some on to the filter (400) and answers others itself. Either way:
   * never the application, never a tenant.
   */
  @ParameterizedTest
  @ValueSource(strings = {"acme.app.localhost/x", "acme.app.localhost:123456"})
  void request_hostRejectedByServerOrFilter_neverReachesApplication(String host) {
    RawHttp.Response response = http().get(host, "/probe/whoami");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("tenant=");
  }

  @Test
  void jaxRsResource_injectedCurrentTenant_isTheRequestsTenant() {
    assertThat(http().get("globex.app.localhost", "/rest/tenant").body())
        .isEqualTo("jaxrs=globex name=Globex");
    assertThat(http().get("acme.app.localhost", "/rest/tenant").body())
        .isEqualTo("jaxrs=acme name=Acme");
  }

  @Test
  void dataSource_createdByOperatorScript_isTheStore() {
    String expected = ItServices.onWildFly()
        ? "java:jboss/datasources/TenantsDS"
        : "jdbc/tenants";
    assertThat(http().get("acme.app.localhost", "/probe/setting?name=tenant-filter.datasource")
            .body())
        .isEqualTo(expected);
    assertThat(http().get("initech.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=initech cdi=initech");
  }

  @Test
  void redisTier_filledUnderOperatorPrefix() {
    http().get("globex.app.localhost", "/probe/whoami");
    String prefix = ItServices.get().getProperty("tf.redis.prefix");
    try (RedisClient redis = RedisClient.create(LocalRedis.url())) {
      assertThat(redis.get(prefix + "{tenant}:subdomain:globex")).contains("\"id\":\"globex\"");
    }
  }

  @Test
  void tenantCache_injected_invalidationReloadsChangedRecord() {
    http().awaitInvalidationChannels(); // the tenant stays cached from its first request on
    assertThat(http().get("initech.app.localhost", "/probe/plan").body()).isEqualTo("free");
    LocalPostgres.get().schema(ItServices.get().getProperty("tf.db.schema"))
        .execute("UPDATE tenants SET plan = 'pro' WHERE id = 'initech'");
    assertThat(http().get("initech.app.localhost", "/probe/plan").body())
        .as("still cached")
        .isEqualTo("free");

    assertThat(http().get("initech.app.localhost", "/probe/invalidate?id=initech").body())
        .isEqualTo("invalidated");
    assertThat(http().get("initech.app.localhost", "/probe/plan").body()).isEqualTo("pro");
    assertThat(http().get("acme.app.localhost", "/probe/stats").body())
        .contains("redisEnabled=true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/probe/whoami", "/probe/forward", "/probe/include", "/probe/async"})
  void dispatch_sameTenantEverywhere_resolvedOncePerRequest(String path) {
    Http http = http();
    long before = http.lookups();
    RawHttp.Response response = http.get("acme.app.localhost", path);
    long after = http.lookups();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).endsWith("tenant=acme cdi=acme");
    // the request under test, plus the stats request that reads the counter
    assertThat(after - before).isEqualTo(2);
  }

  @Test
  void asyncStartThread_seesTenantThroughRequestAttribute() {
    assertThat(http().get("globex.app.localhost", "/probe/async-thread").body())
        .isEqualTo("tenant=globex thread=worker");
  }
}
