// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.FileCacheFilter;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerFilterConfiguration;
import org.glassfish.grizzly.http.server.filecache.FileCache;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.memory.ByteBufferManager;
import org.glassfish.grizzly.utils.DelayedExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Grizzly HTTP server whose handler maps by the server name as Payara does (it fails on
 * what Payara fails on), with and without the guard in its filter chain.
 */
class HostGuardFilterTest {

  private HttpServer server;
  private int port;

  /** Reads the server name the way Payara's mapper does: it throws where Payara throws. */
  private static final HttpHandler PAYARA_LIKE = new HttpHandler() {
    @Override
    public void service(Request request, Response response) throws Exception {
      DataChunk name = request.getRequest().serverName();
      if (name.getLength() == 0) {
        throw new IllegalStateException("Host is not set"); // Grizzly's Mapper.map
      }
      response.setContentType("text/plain");
      response.getWriter().write("server=" + name + " port=" + request.getServerPort());
    }
  };

  private void start(boolean guarded) throws IOException {
    start(guarded, false);
  }

  /** {@code direct}: read into direct buffers, which Grizzly parses without a backing array. */
  private void start(boolean guarded, boolean direct) throws IOException {
    port = Ports.free();
    server = new HttpServer();
    NetworkListener listener = new NetworkListener("guard-test", "127.0.0.1", port);
    if (direct) {
      listener.getTransport().setMemoryManager(new ByteBufferManager(true));
    }
    server.addListener(listener);
    server.getServerConfiguration().addHttpHandler(PAYARA_LIKE, "/");
    server.start();
    if (guarded) {
      assertThat(HostGuardFilter.insertInto(listener.getFilterChain())).isTrue();
    }
  }

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final DelayedExecutor delayed = new DelayedExecutor(executor);

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
    executor.shutdownNow();
  }

  private RawHttp.Response get(String host) {
    return RawHttp.send(port, "GET /x HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  /** Values that Payara 6.2025.10 answered with 200 and an empty body (server-deviations.tsv). */
  @ParameterizedTest
  @ValueSource(strings = {"", ":@acme.app.localhost", "acme.app.localhost:8080/x",
      "acme.app.localhost:8080?host=globex.app.localhost", "acme.app.localhost::",
      "acme.app.localhost:8 0", "acme.app.localhost:\t80", "acme.app.localhost:https",
      "acme.app.localhost:8080, globex.app.localhost", "[::1]:-1", "[::1]:80:80", ":"})
  void unparsableHost_answers400WithShortBody(String host) throws IOException {
    start(true);
    RawHttp.Response response = get(host);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo(HostGuardFilter.BODY_TEXT);
  }

  @Test
  void unparsableHost_withoutGuard_failsInTheMapper() throws IOException {
    // the control: without the guard the same requests reach the handler and fail there
    start(false);
    assertThat(get("").status()).isEqualTo(500);
    assertThat(get("acme.app.localhost:https").status()).isEqualTo(500);
    // Grizzly reads the port with a table that takes hex letters: ":abc" is port 1122, not an
    // error, and so the guard (which asks the same parser) leaves it alone
    assertThat(get("acme.app.localhost:abc").body()).endsWith("port=1122");
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme.app.localhost", "acme.app.localhost:8080", "acme.app.localhost:",
      "[::1]", "[::1]:8080", "bad..host", "evil.example:0", "a b"})
  void parsableHost_passesUntouched(String host) throws IOException {
    // the guard refuses only what Grizzly cannot parse: the rest is the application's to judge
    start(true);
    RawHttp.Response response = get(host);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).startsWith("server=" + host.replaceAll(":[0-9]*$", ""));
  }

  @Test
  void http10WithoutHost_passesUntouched() throws IOException {
    start(true);
    RawHttp.Response response = RawHttp.send(port, "GET /x HTTP/1.0\r\n\r\n");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("port=" + port);
  }

  @Test
  void refusal_closesTheConnection_likeEvery400() throws IOException {
    // Grizzly's codec closes after any 400 (statusDropsConnection), its own ones included: the
    // request pipelined behind the refused one is left for the client to send again
    start(true);
    String raw = exchange("GET /x HTTP/1.1\r\nHost: \r\n\r\n"
        + "GET /x HTTP/1.1\r\nHost: acme.app.localhost\r\n\r\n");
    assertThat(raw.split("HTTP/1.1 ", -1)).hasSize(2);
    assertThat(raw).startsWith("HTTP/1.1 400 ").contains("Connection: close")
        .contains("Content-Length: " + HostGuardFilter.BODY_TEXT.length())
        .endsWith("\r\n\r\n" + HostGuardFilter.BODY_TEXT);
  }

  @Test
  void refusalWithBody_answeredOnce() throws IOException {
    start(true);
    String raw = exchange("POST /x HTTP/1.1\r\nHost: a:x\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(raw.split("HTTP/1.1 ", -1)).hasSize(2);
    assertThat(raw).startsWith("HTTP/1.1 400 ").endsWith(HostGuardFilter.BODY_TEXT);
  }

  /** Absolute-form requests whose Host is not the target's host, and the same with a twist. */
  static Stream<Arguments> absoluteFormMismatches() {
    List<String> heads = List.of(
        "GET http://globex.app.localhost/x HTTP/1.1\r\nHost: acme.app.localhost\r\n",
        "GET https://globex.app.localhost/x HTTP/1.1\r\nHost: acme.app.localhost\r\n",
        "GET HTTP://GLOBEX.APP.LOCALHOST:8080/x HTTP/1.1\r\nHost: acme.app.localhost:8080\r\n",
        "GET http://globex.app.localhost:8080/x HTTP/1.1\r\nHost: globex.app.localhost\r\n",
        "GET http://globex.app.localhost HTTP/1.1\r\nHost: acme.app.localhost\r\n",
        "GET http://user@globex.app.localhost/x HTTP/1.1\r\nHost: globex.app.localhost\r\n",
        // no Host at all: HTTP/1.1 requires one, and Grizzly would have made one from the target
        "GET http://globex.app.localhost/x HTTP/1.1\r\n",
        // two: Grizzly keeps the target's and drops the rest
        "GET http://globex.app.localhost/x HTTP/1.1\r\nHost: globex.app.localhost\r\n"
            + "Host: acme.app.localhost\r\n",
        "GET http://globex.app.localhost/x HTTP/1.1\r\nX-A: 1\r\nhOsT:acme.app.localhost\r\n",
        // a folded Host line has no one reading
        "GET http://globex.app.localhost/x HTTP/1.1\r\nHost: globex.app.localhost\r\n"
            + " acme.app.localhost\r\n",
        // empty lines before the request line, which Grizzly skips
        "\r\n\r\nGET http://globex.app.localhost/x HTTP/1.1\r\nHost: acme.app.localhost\r\n",
        "GET http://globex.app.localhost/x HTTP/1.0\r\nHost: acme.app.localhost\r\n",
        "GET http://globex.app.localhost/x HTTP/1.1\nHost: acme.app.localhost\n");
    return Stream.of(false, true).flatMap(direct -> heads.stream().map(
        head -> Arguments.of(head + (head.endsWith("\n\n") ? "" : "\r\n"), direct)));
  }

  @ParameterizedTest
  @MethodSource("absoluteFormMismatches")
  void absoluteForm_hostNotTheTarget_answers400(String head, boolean direct) throws IOException {
    start(true, direct);
    RawHttp.Response response = RawHttp.send(port, head);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo(HostGuardFilter.TARGET_BODY_TEXT);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void absoluteForm_hostIsTheTarget_passesUntouched(boolean direct) throws IOException {
    start(true, direct);
    assertThat(RawHttp.send(port, "GET http://acme.app.localhost/x HTTP/1.1\r\n"
        + "Host: ACME.app.localhost \r\nConnection: close\r\n\r\n").body())
        .startsWith("server=acme.app.localhost ");
    assertThat(RawHttp.send(port, "GET HTTP://acme.app.localhost:8080/x HTTP/1.1\r\n"
        + "Host:acme.app.localhost:8080\r\nConnection: close\r\n\r\n").body())
        .isEqualTo("server=acme.app.localhost port=8080");
    // HTTP/1.0 needs no Host
    assertThat(RawHttp.send(port, "GET http://acme.app.localhost/x HTTP/1.0\r\n\r\n").body())
        .startsWith("server=acme.app.localhost ");
    // not absolute form: a path that merely holds "://"
    assertThat(RawHttp.send(port, "GET /http://globex.app.localhost/ HTTP/1.1\r\n"
        + "Host: acme.app.localhost\r\nConnection: close\r\n\r\n").body())
        .startsWith("server=acme.app.localhost ");
  }

  @Test
  void absoluteForm_withoutGuard_servesTheTargetsHost() throws IOException {
    // the control: Grizzly's codec writes the target's host over the Host the client sent
    start(false);
    assertThat(RawHttp.send(port, "GET http://globex.app.localhost/x HTTP/1.1\r\n"
        + "Host: acme.app.localhost\r\nConnection: close\r\n\r\n").body())
        .startsWith("server=globex.app.localhost ");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void absoluteForm_headInManyReads_stillChecked(boolean direct) throws Exception {
    // a head that arrives a few bytes at a time is parsed from a buffer put together from them
    start(true, direct);
    String refused = trickle("GET http://globex.app.localhost/x HTTP/1.1\r\n"
        + "Host: acme.app.localhost\r\n\r\n");
    assertThat(refused).startsWith("HTTP/1.1 400 ").endsWith(HostGuardFilter.TARGET_BODY_TEXT);
    String served = trickle("GET http://globex.app.localhost/x HTTP/1.1\r\n"
        + "Host: globex.app.localhost\r\nConnection: close\r\n\r\n");
    assertThat(served).startsWith("HTTP/1.1 200 ").contains("server=globex.app.localhost ");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void absoluteForm_pipelinedBehindARequestWithBody_checkedOnItsOwnHead(boolean direct)
      throws IOException {
    start(true, direct);
    String raw = exchange("POST /x HTTP/1.1\r\nHost: globex.app.localhost\r\n"
        + "Content-Length: 5\r\n\r\nhello"
        + "GET http://globex.app.localhost/x HTTP/1.1\r\nHost: acme.app.localhost\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 200 ").contains("server=globex.app.localhost ")
        .endsWith(HostGuardFilter.TARGET_BODY_TEXT);
    assertThat(raw.split("HTTP/1.1 ", -1)).hasSize(3);
  }

  @Test
  void insertInto_beforeTheFileCache_once() {
    // Payara's HTTP chain: codec, (HTTP/2,) file cache, web server filter, add-ons
    FilterChain chain = FilterChainBuilder.stateless()
        .add(new TransportFilter())
        .add(new org.glassfish.grizzly.http.HttpServerFilter())
        .add(new FileCacheFilter(new FileCache()))
        .add(new HttpServerFilter(new ServerFilterConfiguration(), delayed))
        .build();
    assertThat(HostGuardFilter.insertInto(chain)).isTrue();
    assertThat(HostGuardFilter.insertInto(chain)).isFalse();
    assertThat(chain.stream().map(f -> f.getClass().getSimpleName()).toList())
        .isEqualTo(List.of("TransportFilter", "HttpServerFilter", "HostGuardFilter",
            "FileCacheFilter", "HttpServerFilter"));
  }

  @Test
  void insertInto_noFileCache_beforeTheWebServerFilter() {
    FilterChain chain = FilterChainBuilder.stateless()
        .add(new TransportFilter())
        .add(new org.glassfish.grizzly.http.HttpServerFilter())
        .add(new HttpServerFilter(new ServerFilterConfiguration(), delayed))
        .build();
    HostGuardFilter.insertInto(chain);
    assertThat(chain.get(2)).isInstanceOf(HostGuardFilter.class);
    assertThat(chain.get(3)).isInstanceOf(HttpServerFilter.class);
  }

  @Test
  void insertInto_chainWithoutHttpServer_refused() {
    FilterChain chain = FilterChainBuilder.stateless().add(new TransportFilter()).build();
    assertThatThrownBy(() -> HostGuardFilter.insertInto(chain))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[TransportFilter]");
  }

  /** Sends {@code request} three bytes at a time, 5 ms apart, and reads to the end. */
  private String trickle(String request) throws Exception {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(10_000);
      byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
      for (int i = 0; i < bytes.length; i += 3) {
        socket.getOutputStream().write(bytes, i, Math.min(3, bytes.length - i));
        socket.getOutputStream().flush();
        Thread.sleep(5);
      }
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
