// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.jwt.JwtApplication;
import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JWT claim strategy on the real server's MicroProfile JWT ({@code jwt.claim=tenant}): the
 * server verifies the bearer token; its claim names the tenant where the host names none, a host
 * of another tenant is 403, a token without a well-formed claim is 403, and a token the server
 * does not verify (signed by another key, unsigned, garbage) names nothing.
 *
 * <p>In the {@code payara} and {@code wildfly} lanes. Payara finds {@code @LoginConfig} only on a
 * CDI bean ({@code JwtApplication} is {@code @ApplicationScoped}).
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class JwtClaimIT {

  static final String ISSUER = "https://issuer.tenant-filter.test";
  static final KeyPair KEYS = rsa();
  static final KeyPair OTHER_KEYS = rsa();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("jwtclaim", contextParam("tenant-filter.jwt.claim", "tenant"))
        .addPackage(JwtApplication.class.getPackage())
        .addAsResource(new StringAsset("mp.jwt.verify.publickey="
            + Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n"
            + "mp.jwt.verify.issuer=" + ISSUER + "\n"), "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL url;

  @Test
  void verifiedToken_namesTheTenantWhereTheHostNamesNone_andMustMatchItElsewhere() {
    Http http = new Http(url);
    assertThat(secure(http, "acme.app.localhost", token(KEYS, "\"acme\"")).body())
        .isEqualTo("tenant=acme user=alice");
    assertThat(secure(http, "app.localhost", token(KEYS, "\"globex\"")).body())
        .isEqualTo("tenant=globex user=alice");
    RawHttp.Response other = secure(http, "acme.app.localhost", token(KEYS, "\"globex\""));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).isEqualTo("Forbidden: not a member of this tenant\n");
  }

  @Test
  void tokenWithoutAWellFormedClaim_is403() {
    Http http = new Http(url);
    for (String claim : new String[] {null, "\"\"", "\"../acme\"", "42", "[\"acme\"]"}) {
      RawHttp.Response response = secure(http, "acme.app.localhost", token(KEYS, claim));
      assertThat(response.status()).as(String.valueOf(claim)).isEqualTo(403);
      assertThat(response.body()).isEqualTo("Forbidden: the token names no tenant\n");
    }
  }

  @Test
  void tokenTheServerDoesNotVerify_namesNothing() {
    Http http = new Http(url);
    for (String token : new String[] {token(OTHER_KEYS, "\"acme\""), "not.a.token",
        unsigned("\"acme\"")}) {
      RawHttp.Response response = secure(http, "app.localhost", token);
      assertThat(response.status()).as(token).isIn(401, 403);
      assertThat(response.body()).as(token).doesNotContain("tenant=acme");
    }
    // without any token the open path is resolved by the host, as before
    assertThat(http.get("acme.app.localhost", "/open/whoami").body())
        .isEqualTo("tenant=acme user=none");
  }

  private static RawHttp.Response secure(Http http, String host, String token) {
    return RawHttp.get(http.port(), host, http.path("/secure/whoami"),
        "Authorization: Bearer " + token);
  }

  /** An RS256 token for alice of {@link #ISSUER} with the claim {@code tenant} (JSON), or none. */
  static String token(KeyPair keys, String tenantClaim) {
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    String payload = b64(payload(tenantClaim));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(keys.getPrivate());
      rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String unsigned(String tenantClaim) {
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload(tenantClaim)) + ".";
  }

  private static String payload(String tenantClaim) {
    long now = System.currentTimeMillis() / 1000;
    return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"upn\":\"alice\","
        + "\"groups\":[\"user\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\""
        + UUID.randomUUID() + "\"" + (tenantClaim == null ? "" : ",\"tenant\":" + tenantClaim)
        + "}";
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
