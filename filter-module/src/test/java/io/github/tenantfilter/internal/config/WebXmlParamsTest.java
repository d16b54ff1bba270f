// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebXmlParamsTest {

  private static Map<String, String> parse(String body) throws Exception {
    String xml = "<?xml version=\"1.0\"?>\n<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
        + " version=\"6.0\">" + body + "</web-app>";
    return WebXmlParams.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parse_contextParams_keepsOnlyTenantFilterOnes() throws Exception {
    Map<String, String> params = parse(
        "<context-param><param-name>tenant-filter.redis.circuit.threshold</param-name>"
            + "<param-value> 5 </param-value></context-param>"
            + "<context-param><param-name>other</param-name><param-value>x</param-value>"
            + "</context-param>");
    assertThat(params).containsExactly(Map.entry("tenant-filter.redis.circuit.threshold", "5"));
  }

  @Test
  void parse_filterInitParam_winsOverContextParam() throws Exception {
    Map<String, String> params = parse(
        "<context-param><param-name>tenant-filter.redis.circuit.timeout</param-name>"
            + "<param-value>10</param-value></context-param>"
            + "<filter><filter-name>TenantFilter</filter-name>"
            + "<filter-class>io.github.tenantfilter.web.TenantFilter</filter-class>"
            + "<init-param><param-name>tenant-filter.redis.circuit.timeout</param-name>"
            + "<param-value>20</param-value></init-param></filter>"
            + "<filter><filter-name>Other</filter-name><filter-class>x.Y</filter-class>"
            + "<init-param><param-name>tenant-filter.redis.circuit.threshold</param-name>"
            + "<param-value>9</param-value></init-param></filter>");
    assertThat(params).containsExactly(Map.entry("tenant-filter.redis.circuit.timeout", "20"));
  }

  @Test
  void parse_externalEntity_isNotResolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "leaked");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE web-app [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]>\n<web-app><context-param>"
        + "<param-name>tenant-filter.header</param-name><param-value>a&x;</param-value>"
        + "</context-param></web-app>";
    Map<String, String> params =
        WebXmlParams.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(params.get("tenant-filter.header")).doesNotContain("leaked");
  }

  @Test
  void webXmlBeside_findsTheFileForEveryUrlKind() {
    String cls = "!/io/github/tenantfilter/internal/cache/CircuitBreakerConfigSource.class";
    assertThat(WebXmlParams.webXmlBeside("jar:file:/srv/app/WEB-INF/lib/tenant-filter.jar" + cls))
        .hasToString("file:/srv/app/WEB-INF/web.xml");
    assertThat(WebXmlParams.webXmlBeside(
            "jar:file:/srv/app.war!/WEB-INF/lib/tenant-filter.jar" + cls))
        .hasToString("jar:file:/srv/app.war!/WEB-INF/web.xml");
    assertThat(WebXmlParams.webXmlBeside("file:/srv/lib/tenant-filter.jar" + cls)).isNull();
  }

  @Test
  void of_classOutsideWebInfLib_hasNoParams() {
    assertThat(WebXmlParams.of(WebXmlParamsTest.class)).isEmpty();
  }
}
