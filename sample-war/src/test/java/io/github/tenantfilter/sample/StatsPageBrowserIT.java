// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.RawHttp;
import io.github.tenantfilter.web.stats.StatsHtml;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stats page in a real browser: the sample on Payara Micro with {@code
 * tenant-filter.stats.enabled=true} (role {@code tenant-admin}, the sample's Jakarta Security
 * Basic login), some traffic, then headless Chromium loads the page with the admin's credentials,
 * takes a screenshot ({@code target/stats-page.png}) and dumps the DOM it rendered. The test
 * checks the picture (the chart's plot area is there, with pixels of each line's colour on it)
 * and the DOM (the tenants in traffic order, the breaker's state).
 *
 * <p>Runs in the Maven profile {@code chromium}, active where {@code /usr/bin/chromium} exists
 * (CI installs it).
 */
class StatsPageBrowserIT {

  private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
  private static final Path TARGET = SampleServer.target();

  private static SampleServer server;
  private static int port;

  @BeforeAll
  static void startServer() throws Exception {
    server = SampleServer.start("stats_it", Map.of(
        "tenant-filter.stats.enabled", "true",
        "tenant-filter.stats.interval", "1s",
        "tenant-filter.local-cache.ttl", "2s",
        "sample.admin.password", ADMIN_PASSWORD));
    port = server.port();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonObject statsJson() {
    RawHttp.Response response = RawHttp.get(port, "localhost", "/tenant-filter/stats.json",
        RawHttp.basic("admin", ADMIN_PASSWORD));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  /**
   * Twelve rounds, half an interval apart, so that every interval has lookups: acme 3 times,
   * globex once, and a host no tenant has (a miss of both tiers). The heap TTL is 2 s, so the
   * known tenants also fall out of the heap tier now and then and come back from Redis: every
   * line of the chart moves.
   */
  private static void traffic() throws InterruptedException {
    for (int round = 0; round < 12; round++) {
      for (int i = 0; i < 3; i++) {
        assertThat(RawHttp.get(port, "acme.app.localhost", "/api/whoami").status())
            .isEqualTo(200);
      }
      assertThat(RawHttp.get(port, "globex.app.localhost", "/api/whoami").status())
          .isEqualTo(200);
      assertThat(RawHttp.get(port, "nobody-" + round + ".app.localhost", "/api/whoami").status())
          .isEqualTo(404);
      Thread.sleep(500);
    }
  }

  @Test
  void statsPage_inHeadlessChromium_drawsTheChartAndListsTheTenants() throws Exception {
    traffic();
    JsonObject json = statsJson();
    for (int i = 0; i < 300 && intervalsWithLookups(json) < 5; i++) {
      Thread.sleep(100); // the last round's interval is sampled a moment later
      json = statsJson();
    }
    assertThat(intervalsWithLookups(json)).as(json.toString()).isGreaterThanOrEqualTo(5);

    String url = "http://admin:" + ADMIN_PASSWORD + "@127.0.0.1:" + port + "/tenant-filter/stats";
    Path screenshot = TARGET.resolve("stats-page.png");
    Files.deleteIfExists(screenshot);
    chromium("--screenshot=" + screenshot, "--window-size=1000,700", "--hide-scrollbars", url);
    String dom = chromium("--dump-dom", url);
    Files.writeString(TARGET.resolve("stats-page.dom.html"), dom);

    // the DOM: the tenants, busiest first, and the breaker
    assertThat(dom).contains("<h1>tenant-filter").contains("id=\"top-tenants\"");
    int acme = dom.indexOf("<td class=\"tenant\">acme</td>");
    int globex = dom.indexOf("<td class=\"tenant\">globex</td>");
    assertThat(acme).as(dom).isPositive();
    assertThat(globex).as(dom).isGreaterThan(acme);
    assertThat(dom).contains("<span class=\"closed\">closed</span>");
    assertThat(dom).contains("<polyline");

    // the picture: the plot area, and each line's colour on it
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).as("a PNG at " + screenshot).isNotNull();
    int[] plot = box(image, rgb(StatsHtml.PLOT_BACKGROUND));
    assertThat(plot).as("the plot area (" + StatsHtml.PLOT_BACKGROUND + ") in the screenshot")
        .isNotNull();
    assertThat(plot[2] - plot[0]).as("plot width").isGreaterThan(600);
    assertThat(plot[3] - plot[1]).as("plot height").isGreaterThan(150);
    int overall = count(image, plot, rgb(StatsHtml.OVERALL_COLOUR));
    int local = count(image, plot, rgb(StatsHtml.LOCAL_COLOUR));
    int redisLine = count(image, plot, rgb(StatsHtml.REDIS_COLOUR));
    System.out.printf("stats page screenshot %s: plot %s, line pixels overall=%d L1=%d L2=%d%n",
        screenshot, Arrays.toString(plot), overall, local, redisLine);
    assertThat(overall).as("overall hit-rate line pixels").isGreaterThan(200);
    assertThat(local).as("L1 hit-rate line pixels").isGreaterThan(200);
    assertThat(redisLine).as("L2 hit-rate line pixels").isGreaterThan(50);
  }

  private static long intervalsWithLookups(JsonObject json) {
    return json.getJsonArray("series").stream().map(JsonValue::asJsonObject)
        .filter(p -> p.getInt("lookups") > 0).count();
  }

  /** Runs headless Chromium with a fresh profile under target/ and returns its output. */
  private static String chromium(String... args) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(TARGET.resolve("chromium-profile"))
        .resolve(UUID.randomUUID().toString());
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("chromium.binary", "/usr/bin/chromium"),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = TARGET.resolve("chromium-" + UUID.randomUUID() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(false)
        .redirectOutput(out.toFile())
        .redirectError(TARGET.resolve("chromium-stderr.log").toFile())
        .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s: " + command);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("chromium exit code; stderr in target/chromium-stderr.log")
        .isZero();
    return output;
  }

  private static int rgb(String hex) {
    return Integer.parseInt(hex.substring(1), 16);
  }

  private static boolean near(int argb, int rgb, int tolerance) {
    return Math.abs(((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
        && Math.abs(((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
        && Math.abs((argb & 0xff) - (rgb & 0xff)) <= tolerance;
  }

  /**
   * The box {x0, y0, x1, y1} of the plot area: the rows and columns that are mostly its fill
   * (so that a stray anti-aliased pixel of a similar colour elsewhere does not count), or null.
   */
  private static int[] box(BufferedImage image, int rgb) {
    int[] rows = new int[image.getHeight()];
    int[] columns = new int[image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (near(image.getRGB(x, y), rgb, 2)) {
          rows[y]++;
          columns[x]++;
        }
      }
    }
    int[] box = {-1, -1, -1, -1};
    for (int y = 0; y < rows.length; y++) {
      if (rows[y] > 300) {
        box[1] = box[1] < 0 ? y : box[1];
        box[3] = y;
      }
    }
    for (int x = 0; x < columns.length; x++) {
      if (columns[x] > 60) {
        box[0] = box[0] < 0 ? x : box[0];
        box[2] = x;
      }
    }
    return box[0] < 0 || box[1] < 0 ? null : box;
  }

  private static int count(BufferedImage image, int[] box, int rgb) {
    int n = 0;
    for (int y = box[1]; y <= box[3]; y++) {
      for (int x = box[0]; x <= box[2]; x++) {
        if (near(image.getRGB(x, y), rgb, 4)) {
          n++;
        }
      }
    }
    return n;
  }
}
