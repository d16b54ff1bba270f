package io.github.tenantfilter.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Servlet requests and responses for unit tests, without a container. */
public final class FakeHttp {

  private FakeHttp() {}

  /** A request with working attributes, the given Host header (none if null) and servlet path. */
  public static HttpServletRequest request(String host, String path) {
    HttpServletRequest request = mock(HttpServletRequest.class);
    Map<String, Object> attributes = new HashMap<>();
    doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1)))
        .when(request).setAttribute(anyString(), any());
    doAnswer(call -> attributes.remove(call.<String>getArgument(0)))
        .when(request).removeAttribute(anyString());
    doAnswer(call -> attributes.get(call.<String>getArgument(0)))
        .when(request).getAttribute(anyString());
    when(request.getHeaders("Host"))
        .thenAnswer(call -> Collections.enumeration(host == null ? List.of() : List.of(host)));
    when(request.getServletPath()).thenReturn(path);
    return request;
  }

  /** A response that records what the filter wrote. */
  public static final class Response {
    public final HttpServletResponse mock = mock(HttpServletResponse.class);
    public final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean sentError;

    public Response() {
      try {
        record();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void record() throws IOException {
      doAnswer(call -> headers.put(call.getArgument(0), call.getArgument(1)))
          .when(mock).setHeader(anyString(), anyString());
      doAnswer(call -> status = call.getArgument(0)).when(mock).setStatus(anyInt());
      doAnswer(call -> {
            status = call.getArgument(0);
            sentError = true;
            return null;
          })
          .when(mock).sendError(anyInt(), anyString());
      doAnswer(call -> headers.put("Content-Type", call.getArgument(0)))
          .when(mock).setContentType(anyString());
      {
        when(mock.getOutputStream()).thenReturn(new ServletOutputStream() {
          @Override
          public void write(int b) {
            body.write(b);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}
        });
      }
    }

    public int status() {
      return status;
    }

    public boolean sentError() {
      return sentError;
    }

    public String body() {
      return body.toString(StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.get(name);
    }
  }
}
