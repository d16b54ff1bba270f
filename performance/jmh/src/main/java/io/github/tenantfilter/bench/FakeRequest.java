package io.github.tenantfilter.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * A reusable request with one {@code Host} header, for the hot-path benchmarks. Mocks allocate
 * and intercept on every call, which would be most of what JMH measures; this one answers the
 * calls the filter makes from fields, allocates nothing, and is {@link #reset()} before each
 * operation (a new request has no attributes). Anything else the filter might call fails loudly:
 * the wrapped request is a proxy that throws.
 */
final class FakeRequest extends HttpServletRequestWrapper {

  private static final int SLOTS = 4;

  private final String host;
  private final String serverName;
  private final String[] names = new String[SLOTS];
  private final Object[] values = new Object[SLOTS];
  private final OneHeader hosts;

  /**
   * A request for {@code host} (the raw Host header); the server name is what a container takes
   * from it: the host part, as sent.
   */
  FakeRequest(String host) {
    super(unsupported(HttpServletRequest.class));
    this.host = host;
    int colon = host.lastIndexOf(':');
    this.serverName = colon > 0 && host.charAt(0) != '[' ? host.substring(0, colon) : host;
    this.hosts = new OneHeader(host);
  }

  /** Forgets the attributes set by the last operation. */
  void reset() {
    for (int i = 0; i < SLOTS; i++) {
      names[i] = null;
      values[i] = null;
    }
  }

  String host() {
    return host;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if (name.equalsIgnoreCase("Host")) {
      hosts.rewind();
      return hosts;
    }
    return Collections.emptyEnumeration();
  }

  @Override
  public String getHeader(String name) {
    return name.equalsIgnoreCase("Host") ? host : null;
  }

  @Override
  public String getServerName() {
    return serverName;
  }

  @Override
  public String getRemoteAddr() {
    return "127.0.0.1";
  }

  @Override
  public String getServletPath() {
    return "/api/orders";
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public Object getAttribute(String name) {
    for (int i = 0; i < SLOTS; i++) {
      if (names[i] != null && names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public void setAttribute(String name, Object value) {
    int free = -1;
    for (int i = 0; i < SLOTS; i++) {
      if (names[i] == null) {
        free = free < 0 ? i : free;
      } else if (names[i].equals(name)) {
        values[i] = value;
        return;
      }
    }
    if (free < 0) {
      throw new IllegalStateException("more attributes than the fake request holds");
    }
    names[free] = name;
    values[free] = value;
  }

  @Override
  public void removeAttribute(String name) {
    for (int i = 0; i < SLOTS; i++) {
      if (names[i] != null && names[i].equals(name)) {
        names[i] = null;
        values[i] = null;
      }
    }
  }

  /** A response the hot path never touches; a rejection is recorded so setup can fail on it. */
  static final class Response extends HttpServletResponseWrapper {
    int status = 200;

    Response() {
      super(unsupported(HttpServletResponse.class));
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
    }

    @Override
    public void sendError(int sc, String msg) {
      status = sc;
    }

    @Override
    public void setHeader(String name, String value) {
      // not recorded
    }

    @Override
    public void resetBuffer() {
      // nothing buffered
    }

    @Override
    public void setContentType(String type) {
      // not recorded
    }

    @Override
    public void setContentLength(int len) {
      // not recorded
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          // discarded
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          // not needed
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

  private static <T> T unsupported(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          throw new UnsupportedOperationException("fake " + type.getSimpleName() + "."
              + method.getName());
        }));
  }
}
