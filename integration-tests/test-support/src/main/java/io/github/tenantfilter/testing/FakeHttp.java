// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

// Over 300 lines: the one servlet fake (request, response, async context, dispatch) of every
// unit test, in-process node and benchmark; the Servlet API's methods are most of it.
/**
 * The project's one servlet fake: requests and responses without a container, for unit tests,
 * in-process nodes and the JMH hot path alike.
 *
 * <p>Cheap on purpose: a request answers the calls the filter makes from fields, and a request
 * that is {@linkplain Request#reset() reset} and used again allocates nothing (a mock would
 * allocate and intercept on every call, which would be most of what a benchmark measures). What
 * the filter never calls fails loudly ({@link UnsupportedOperationException}), so that a change
 * in what it calls is seen rather than answered with a made-up default.
 *
 * <pre>{@code
 * FakeHttp.Request request = FakeHttp.request("acme.app.example", "/api");
 * FakeHttp.Response response = new FakeHttp.Response();
 * filter.doFilter(request, response, chain);
 * assertThat(response.status()).isEqualTo(200);
 * }</pre>
 *
 * <p>Needs the Servlet API on the class path (a provided dependency of this module: the modules
 * that use the fake have it).
 */
public final class FakeHttp {

  private FakeHttp() {}

  /**
   * A request with the given {@code Host} header (none if {@code null}) and servlet path, from
   * 127.0.0.1, with the server name a container takes from that Host (its host part, as sent).
   */
  public static Request request(String host, String servletPath) {
    return new Request(host, servletPath);
  }

  /** A request: what the filter reads, answered from fields; see {@link FakeHttp}. */
  public static final class Request extends HttpServletRequestWrapper {

    private final String host;
    private final String servletPath;
    private final OneHeader hosts;
    private String serverName;
    private String remoteAddr = "127.0.0.1";
    private DispatcherType dispatcherType = DispatcherType.REQUEST;
    /** Headers besides Host, by case-insensitive name; null until one is added. */
    private Map<String, List<String>> headers;
    /** Query parameters and the roles the user is in; null until one is added. */
    private Map<String, String> parameters;
    private Set<String> roles;
    private java.security.Principal principal;
    /** The attributes, in parallel arrays (a slot is free when its name is null). */
    private String[] names = new String[4];
    private Object[] values = new Object[4];

    private Request(String host, String servletPath) {
      super(unsupported(HttpServletRequest.class));
      this.host = host;
      this.servletPath = servletPath;
      this.hosts = host == null ? null : new OneHeader(host);
      int colon = host == null ? -1 : host.lastIndexOf(':');
      this.serverName = colon > 0 && host.charAt(0) != '[' ? host.substring(0, colon) : host;
    }

    /** Adds a header besides Host (one more value if it is there already). */
    public Request header(String name, String value) {
      if (headers == null) {
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      }
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds a request parameter. */
    public Request parameter(String name, String value) {
      if (parameters == null) {
        parameters = new HashMap<>();
      }
      parameters.put(name, value);
      return this;
    }

    /** Puts the user in {@code role} ({@link #isUserInRole}). */
    public Request role(String role) {
      if (roles == null) {
        roles = new HashSet<>();
      }
      roles.add(role);
      return this;
    }

    /** Sets what {@link #getUserPrincipal()} answers (none by default). */
    public Request principal(java.security.Principal principal) {
      this.principal = principal;
      return this;
    }

    @Override
    public java.security.Principal getUserPrincipal() {
      return principal;
    }

    /** Sets what {@link #getDispatcherType()} answers ({@code REQUEST} by default). */
    public Request dispatcherType(DispatcherType type) {
      this.dispatcherType = type;
      return this;
    }

    /** Sets what {@link #getRemoteAddr()} answers ({@code 127.0.0.1} by default). */
    public Request remoteAddr(String address) {
      this.remoteAddr = address;
      return this;
    }

    /** Sets what {@link #getServerName()} answers (by default the Host's host part). */
    public Request serverName(String name) {
      this.serverName = name;
      return this;
    }

    /** Forgets the attributes, as a new request has none: the request can be used again. */
    public void reset() {
      Arrays.fill(names, null);
      Arrays.fill(values, null);
    }

    /** The Host header as given. */
    public String host() {
      return host;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (name.equalsIgnoreCase("Host")) {
        if (hosts == null) {
          return Collections.emptyEnumeration();
        }
        hosts.rewind();
        return hosts;
      }
      List<String> list = headers == null ? null : headers.get(name);
      return list == null ? Collections.emptyEnumeration() : Collections.enumeration(list);
    }

    @Override
    public String getHeader(String name) {
      if (name.equalsIgnoreCase("Host")) {
        return host;
      }
      List<String> list = headers == null ? null : headers.get(name);
      return list == null ? null : list.get(0);
    }

    @Override
    public String getServerName() {
      return serverName;
    }

    @Override
    public String getRemoteAddr() {
      return remoteAddr;
    }

    @Override
    public String getServletPath() {
      return servletPath;
    }

    @Override
    public String getPathInfo() {
      return null;
    }

    @Override
    public DispatcherType getDispatcherType() {
      return dispatcherType;
    }

    @Override
    public boolean isAsyncStarted() {
      return false;
    }

    @Override
    public String getParameter(String name) {
      return parameters == null ? null : parameters.get(name);
    }

    @Override
    public boolean isUserInRole(String role) {
      return roles != null && roles.contains(role);
    }

    @Override
    public Object getAttribute(String name) {
      for (int i = 0; i < names.length; i++) {
        if (name.equals(names[i])) {
          return values[i];
        }
      }
      return null;
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        removeAttribute(name);
        return;
      }
      int free = -1;
      for (int i = 0; i < names.length; i++) {
        if (names[i] == null) {
          free = free < 0 ? i : free;
        } else if (names[i].equals(name)) {
          values[i] = value;
          return;
        }
      }
      if (free < 0) {
        free = names.length;
        names = Arrays.copyOf(names, free * 2);
        values = Arrays.copyOf(values, free * 2);
      }
      names[free] = name;
      values[free] = value;
    }

    @Override
    public void removeAttribute(String name) {
      for (int i = 0; i < names.length; i++) {
        if (name.equals(names[i])) {
          names[i] = null;
          values[i] = null;
        }
      }
    }
  }

  /**
   * A response that records what was written to it: status, whether it was {@code sendError},
   * headers (the content type as {@code Content-Type}) and body. Recording allocates only when
   * something is written, which the filter's hot path never does.
   */
  public static final class Response extends HttpServletResponseWrapper {

    private int status = 200;
    private boolean sentError;
    private Map<String, String> headers;
    private ByteArrayOutputStream body;

    public Response() {
      super(unsupported(HttpServletResponse.class));
    }

    /** The status set or sent; 200 if none. */
    public int status() {
      return status;
    }

    /** Whether the status went through {@code sendError} (the container's error pages). */
    public boolean sentError() {
      return sentError;
    }

    /** The body, as UTF-8. */
    public String body() {
      return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }

    /** The last value set for {@code name}, or null. */
    public String header(String name) {
      return headers == null ? null : headers.get(name);
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public void sendError(int sc, String msg) {
      status = sc;
      sentError = true;
    }

    @Override
    public void sendError(int sc) {
      sendError(sc, null);
    }

    @Override
    public void setHeader(String name, String value) {
      if (headers == null) {
        headers = new HashMap<>();
      }
      headers.put(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
      setHeader(name, Integer.toString(value));
    }

    @Override
    public void setContentType(String type) {
      setHeader("Content-Type", type);
    }

    @Override
    public void setContentLength(int len) {
      // not recorded
    }

    @Override
    public void setCharacterEncoding(String charset) {
      // not recorded
    }

    @Override
    public boolean isCommitted() {
      return false;
    }

    @Override
    public void resetBuffer() {
      if (body != null) {
        body.reset();
      }
    }

    @Override
    public ServletOutputStream getOutputStream() {
      if (body == null) {
        body = new ByteArrayOutputStream();
      }
      ByteArrayOutputStream sink = body;
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          sink.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          sink.write(b, off, len);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          // always ready
        }
      };
    }
  }

  /** A one-element enumeration that can be read again. */
  private static final class OneHeader implements Enumeration<String> {
    private final String value;
    private boolean read;

    OneHeader(String value) {
      this.value = value;
    }

    void rewind() {
      read = false;
    }

    @Override
    public boolean hasMoreElements() {
      return !read;
    }

    @Override
    public String nextElement() {
      if (read) {
        throw new NoSuchElementException();
      }
      read = true;
      return value;
    }
  }

  /** What a wrapper passes on for every method it does not answer: a loud failure. */
  private static <T> T unsupported(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "fake " + type.getSimpleName();
          default -> throw new UnsupportedOperationException(
              "fake " + type.getSimpleName() + "." + method.getName());
        }));
  }
}
