// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.payara;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.FileCacheFilter;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Answers 400 to a request whose {@code Host} Grizzly itself cannot parse, before the code that
 * fails on it runs, and to an absolute-form request whose {@code Host} is not the target's host,
 * before Grizzly's rewrite of it reaches the application.
 *
 * <p>Payara maps every request by the server name Grizzly parses from the first {@code Host}
 * ({@code HttpRequestPacket.serverName()} → {@code HttpCodecUtils.parseHost}). An empty {@code
 * Host} (or one that starts with {@code :}) gives an empty name, on which Grizzly's {@code
 * Mapper} throws "Host is not set"; a {@code :} followed by anything but decimal digits makes
 * {@code parseHost} throw "contained a non-decimal value in the port definition". Payara's {@code
 * CoyoteAdapter.service} catches either, logs it at SEVERE with a stack trace, and the response
 * goes out as it is: 200 with an empty body. No web module, filter or application runs.
 *
 * <p>This filter sits in the HTTP filter chain after the HTTP codec (and HTTP/2, where present)
 * and before the file cache and the web server filter. It asks Grizzly's own parser, so it
 * refuses exactly what would fail later. It also reads the {@code Host} the client sent when the
 * target is in absolute form ({@link #targetProblem}), which Grizzly's codec overwrites; every
 * other request passes untouched. The refusal is a complete response ({@value #BODY_TEXT} or
 * {@value #TARGET_BODY_TEXT}) after which Grizzly's codec closes the connection, as it does after
 * any 400 of its own.
 *
 * <pre>{@code
 * HostGuardFilter.insertInto(filterChain);   // done by HostGuardPUFilter on Payara
 * }</pre>
 */
public final class HostGuardFilter extends BaseFilter {

  /** The body of the 400 response to a {@code Host} Grizzly cannot parse. */
  public static final String BODY_TEXT = "Bad Host: empty, or a port that is not a number\n";

  /**
   * The body of the 400 response to an absolute-form request target whose {@code Host} is not
   * the target's host (or is missing in HTTP/1.1, or sent more than once).
   */
  public static final String TARGET_BODY_TEXT = "Bad Host: not the host of the request target\n";

  private static final byte[] BODY = BODY_TEXT.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TARGET_BODY = TARGET_BODY_TEXT.getBytes(StandardCharsets.US_ASCII);
  private static final Logger LOG = Logger.getLogger(HostGuardFilter.class.getName());

  /**
   * Puts a guard into {@code chain} just before the file cache filter, or where there is none,
   * before the web server filter; does nothing when the chain has a guard already.
   *
   * @param chain a listener's HTTP filter chain
   * @return whether a guard was added
   * @throws IllegalStateException if the chain has neither filter (not an HTTP server chain)
   */
  public static boolean insertInto(FilterChain chain) {
    if (chain.indexOfType(HostGuardFilter.class) >= 0) {
      return false;
    }
    int at = chain.indexOfType(FileCacheFilter.class);
    if (at < 0) {
      at = chain.indexOfType(HttpServerFilter.class);
    }
    if (at < 0) {
      throw new IllegalStateException(
          "no HTTP server filter in the filter chain " + names(chain) + ": nothing to guard");
    }
    chain.add(at, new HostGuardFilter());
    LOG.log(Level.INFO, "Host guard installed: {0}", names(chain));
    return true;
  }

  private static String names(FilterChain chain) {
    StringBuilder names = new StringBuilder("[");
    for (Filter filter : chain) {
      names.append(names.length() > 1 ? ", " : "").append(filter.getClass().getSimpleName());
    }
    return names.append(']').toString();
  }

  /**
   * Why Grizzly cannot map {@code request} by its {@code Host}, or {@code null} when it can.
   * Uses Grizzly's own parsing, whose result the request keeps for the mapper.
   */
  static String problem(HttpRequestPacket request) {
    DataChunk serverName;
    try {
      serverName = request.serverName();
    } catch (RuntimeException e) {
      // parseHost: IllegalStateException for a non-decimal port (and an index out of bounds
      // for a byte above 0x7F in the port)
      return "unparsable port";
    }
    if (!serverName.isNull() && serverName.getLength() == 0) {
      return "empty host";
    }
    return null;
  }

  /**
   * Why the {@code Host} of an absolute-form request differs from what the codec made of it, or
   * {@code null} when it does not (or the target is not in absolute form).
   *
   * <p>For {@code GET http://globex.example/ HTTP/1.1} with {@code Host: acme.example}, Grizzly's
   * codec writes {@code globex.example} over the {@code Host} (RFC 9112 3.2.2: an origin server
   * ignores {@code Host} there), so the application serves globex while a proxy or cache in front
   * that keys on {@code Host} took it for acme: the split that host-header cache poisoning and
   * routing attacks live on. The client's own {@code Host} is still in the bytes read; this
   * refuses a request where it is missing (HTTP/1.1 requires one), sent twice, or not the
   * target's host in any letter case. The same request on WildFly gets Undertow's own 400.
   */
  static String targetProblem(HttpRequestPacket request) {
    RawRequestHead head = RawRequestHead.of(request);
    if (head == null || !head.absoluteFormTarget()) {
      return null;
    }
    List<String> sent = head.hostValues();
    if (sent == null) {
      return "Host not readable with an absolute-form target";
    }
    if (sent.isEmpty()) {
      return request.getProtocol() == Protocol.HTTP_1_1
          ? "no Host with an absolute-form target" : null;
    }
    if (sent.size() > 1) {
      return "several Host fields with an absolute-form target";
    }
    DataChunk target = request.getHeaders().getValue(Header.Host);
    if (target == null || !sent.get(0).equalsIgnoreCase(target.toString())) {
      return "Host differs from the absolute-form target";
    }
    return null;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Object message = ctx.getMessage();
    if (!(message instanceof HttpContent content)
        || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
      return ctx.getInvokeAction();
    }
    byte[] body = BODY;
    String problem = problem(request);
    if (problem == null) {
      problem = targetProblem(request);
      if (problem == null) {
        return ctx.getInvokeAction();
      }
      body = TARGET_BODY;
    }
    HttpResponsePacket response = request.getResponse();
    if (!response.isCommitted()) {
      if (LOG.isLoggable(Level.FINE)) {
        LOG.log(Level.FINE, "400 for {0} {1}: {2}",
            new Object[] {request.getMethod(), request.getRequestURI(), problem});
      }
      response.setStatus(HttpStatus.BAD_REQUEST_400);
      response.setContentType("text/plain;charset=US-ASCII");
      response.setContentLength(body.length);
      ctx.write(HttpContent.builder(response)
          .content(Buffers.wrap(ctx.getMemoryManager(), body))
          .last(true)
          .build());
      // what the web server filter does when a response ends: the codec then finishes the
      // exchange (for a 400, it closes the connection)
      ctx.notifyDownstream(org.glassfish.grizzly.http.HttpServerFilter.RESPONSE_COMPLETE_EVENT);
    }
    // later parts of this request's body (if any) stop here too
    return ctx.getStopAction();
  }
}
