package io.github.tenantfilter.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cheap servlet requests and responses for load in tests: plain proxies, no mocking framework,
 * so that a request costs what the filter costs.
 */
public final class LightHttp {

  private LightHttp() {}

  /** A request for {@code host} and {@code path}. */
  public static HttpServletRequest request(String host, String path) {
    Map<String, Object> attributes = new HashMap<>();
    return (HttpServletRequest) Proxy.newProxyInstance(
        HttpServletRequest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getHeaders" -> "Host".equalsIgnoreCase((String) args[0])
              ? Collections.enumeration(List.of(host))
              : Collections.emptyEnumeration();
          case "getHeader" -> "Host".equalsIgnoreCase((String) args[0]) ? host : null;
          case "getAttribute" -> attributes.get(args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          case "removeAttribute" -> attributes.remove(args[0]);
          case "getServletPath" -> path;
          case "getDispatcherType" -> DispatcherType.REQUEST;
          case "isAsyncStarted" -> false;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> null;
        });
  }

  /** A response that remembers its status. */
  public static final class Response {
    private int status = 200;
    public final HttpServletResponse servlet =
        (HttpServletResponse) Proxy.newProxyInstance(
            HttpServletResponse.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> switch (method.getName()) {
              case "setStatus", "sendError" -> {
                status = (Integer) args[0];
                yield null;
              }
              case "getOutputStream" -> new ServletOutputStream() {
                @Override
                public void write(int b) {}

                @Override
                public boolean isReady() {
                  return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
              };
              case "isCommitted" -> false;
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> null;
            });

    public int status() {
      return status;
    }
  }
}
