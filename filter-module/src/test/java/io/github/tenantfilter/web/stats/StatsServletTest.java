// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsServletTest {

  private static final StatsPageConfig CONFIG =
      new StatsPageConfig(true, "/ops/stats", "ops", Duration.ofSeconds(10), 10, 5);
  private final StatsServlet servlet = new StatsServlet(
      () -> StatsViews.of(List.of(), List.of(new TopTenants.Entry("acme", 3, 0)), Map.of()),
      CONFIG);
  private final FakeHttp.Response response = new FakeHttp.Response();

  private static HttpServletRequest request(String servletPath, String format, boolean inRole) {
    FakeHttp.Request request = FakeHttp.request("app.example", servletPath);
    if (format != null) {
      request.parameter("format", format);
    }
    if (inRole) {
      request.role("ops");
    }
    return request;
  }

  @Test
  void doGet_inRole_html() throws Exception {
    servlet.doGet(request("/ops/stats", null, true), response);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
    assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.body()).contains("<td class=\"tenant\">acme</td>")
        .contains("<a href=\"stats.json\">JSON</a>");
  }

  @Test
  void doGet_jsonPath_json() throws Exception {
    servlet.doGet(request("/ops/stats.json", null, true), response);
    assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    assertThat(response.body()).startsWith("{\"application\":\"/shop\"");
  }

  @Test
  void doGet_formatJson_json() throws Exception {
    servlet.doGet(request("/ops/stats", "json", true), response);
    assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
  }

  @Test
  void doGet_unknownFormat_400() throws Exception {
    servlet.doGet(request("/ops/stats", "xml<script>", true), response);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Bad Request: format must be html or json\n");
  }

  @Test
  void doGet_notInRole_403EvenIfTheContainerLetItThrough() throws Exception {
    servlet.doGet(request("/ops/stats.json", null, false), response);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("acme");
  }

  @Test
  void doGet_filterStopped_503() throws Exception {
    StatsServlet stopped = new StatsServlet(() -> null, CONFIG);
    stopped.doGet(request("/ops/stats", null, true), response);
    assertThat(response.status()).isEqualTo(503);
  }
}
