// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The security settings on the real servers: loopback is this deployment's trusted proxy (the
 * test client plays the proxy), IP hosts are refused, tenant status decides, and a Host that
 * differs from the request target never names the tenant.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class SecurityIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    sql("INSERT INTO tenants (id, name, subdomain, status) VALUES"
        + " ('hooli', 'Hooli', 'hooli', 'suspended'), ('pied', 'Pied Piper', 'pied', 'deleted')"
        + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status");
    return Deployments.war(
        "security",
        contextParam("tenant-filter.trusted-proxies", "127.0.0.0/8, ::1")
            + contextParam("tenant-filter.trusted-proxies.host-header", "forwarded")
            + contextParam("tenant-filter.ip-hosts", "reject"));
  }

  private static void sql(String statement) {
    Properties p = ItServices.get();
    try (Connection connection = LocalPostgres.get().connect();
        Statement s = connection.createStatement()) {
      s.execute("SET search_path TO " + p.getProperty("tf.db.schema"));
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @ArquillianResource URL url;

  private RawHttp.Response send(String head) {
    return RawHttp.send(url.getPort(), head + "Connection: close\r\n\r\n");
  }

  private String path() {
    String path = url.getPath();
    return (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/probe/whoami";
  }

  @Test
  void forwardedFromTrustedProxy_namesTheTenant() {
    Http http = new Http(url);
    assertThat(http.get("internal.lb", "/probe/whoami", "Forwarded",
        "for=203.0.113.9;host=globex.app.localhost;proto=https").body())
        .isEqualTo("tenant=globex cdi=globex");
    // the client's own element is never reached: the proxy's (last) element decides
    assertThat(http.get("internal.lb", "/probe/whoami", "Forwarded",
        "host=globex.app.localhost, for=203.0.113.9;host=acme.app.localhost").body())
        .isEqualTo("tenant=acme cdi=acme");
  }

  /**
   * Regression (issue 14, defect 4): the proxies write Forwarded (the deployment's
   * trusted-proxies.host-header); X-Forwarded-Host is the client's and is never read, not even
   * when the proxy's element has no host= (it kept Host), and not to disagree with Forwarded.
   */
  @Test
  void xForwardedHost_whenTheProxiesWriteForwarded_isNeverRead() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami", "X-Forwarded-Host",
        "globex.app.localhost").body()).isEqualTo("tenant=acme cdi=acme");
    assertThat(send("GET " + path() + " HTTP/1.1\r\nHost: acme.app.localhost\r\n"
        + "Forwarded: for=203.0.113.9\r\nX-Forwarded-Host: globex.app.localhost\r\n").body())
        .isEqualTo("tenant=acme cdi=acme");
    assertThat(send("GET " + path() + " HTTP/1.1\r\nHost: internal.lb\r\n"
        + "Forwarded: host=acme.app.localhost\r\nX-Forwarded-Host: globex.app.localhost\r\n")
        .body()).isEqualTo("tenant=acme cdi=acme");
    assertThat(http.get("acme.app.localhost", "/probe/whoami", "X-Forwarded-Host",
        "globex.app.localhost, initech.app.localhost").body()).isEqualTo("tenant=acme cdi=acme");
  }

  @Test
  void forwardedMalformed_is400() {
    Http http = new Http(url);
    assertThat(http.get("internal.lb", "/probe/whoami", "Forwarded", "host=\"acme").status())
        .isEqualTo(400);
    assertThat(http.get("internal.lb", "/probe/whoami", "Forwarded", "host=a;host=b").status())
        .isEqualTo(400);
  }

  /**
   * RFC 9112 section 3.2.2: with an absolute-form request target the server must use its
   * authority, not Host. WildFly's Undertow answers 400 itself; Payara's Grizzly replaces Host
   * with the target's authority, so the application and the filter both see globex; Open Liberty
   * keeps both, and the filter answers 400 itself (TenantIdentifierTest), never acme.
   */
  @Test
  void absoluteFormTargetOtherThanHost_neverResolvesTheHostHeader() {
    RawHttp.Response response = send("GET http://globex.app.localhost:" + url.getPort() + path()
        + " HTTP/1.1\r\nHost: acme.app.localhost\r\n");
    if (ItServices.onWildFly()) {
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).as("answered by Undertow, before any filter").isEmpty();
    } else if (ItServices.onLiberty()) {
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).as("answered by the filter")
          .isEqualTo("Bad Request: Host does not match the request target\n");
    } else {
      assertThat(response.body()).isEqualTo("tenant=globex cdi=globex");
    }
    // the same host in both places is fine
    assertThat(send("GET http://acme.app.localhost:" + url.getPort() + path()
        + " HTTP/1.1\r\nHost: acme.app.localhost\r\n").body())
        .isEqualTo("tenant=acme cdi=acme");
  }

  @Test
  void ipHost_rejected() {
    RawHttp.Response response = new Http(url).get("127.0.0.1", "/probe/whoami");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Bad Request: IP address as Host\n");
  }

  @Test
  void suspendedAndDeletedTenants_refused_untilReactivatedAndInvalidated() {
    Http http = new Http(url);
    RawHttp.Response suspended = http.get("hooli.app.localhost", "/probe/whoami");
    assertThat(suspended.status()).isEqualTo(403);
    assertThat(suspended.body()).isEqualTo("Forbidden: tenant not active\n");
    assertThat(http.get("pied.app.localhost", "/probe/whoami").status()).isEqualTo(410);

    sql("UPDATE tenants SET status = 'active' WHERE id = 'hooli'");
    // cached as suspended until invalidated
    assertThat(http.get("hooli.app.localhost", "/probe/whoami").status()).isEqualTo(403);
    http.get("acme.app.localhost", "/probe/invalidate?id=hooli");
    assertThat(http.get("hooli.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=hooli cdi=hooli");

    sql("UPDATE tenants SET status = 'suspended' WHERE id = 'hooli'");
    http.get("acme.app.localhost", "/probe/invalidate?id=hooli");
    assertThat(http.get("hooli.app.localhost", "/probe/whoami").status()).isEqualTo(403);
  }
}
