package io.github.tenantfilter.web;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A {@link Node} in a class loader of its own (the test class path, loaded again, its parent
 * the platform loader): nothing static is shared with other nodes, as with separate servers.
 * Driven by reflection; every call runs with the node's loader as context class loader.
 */
public final class IsolatedNode implements AutoCloseable {

  private final URLClassLoader loader;
  private final Object node;

  public IsolatedNode(Map<String, String> settings) {
    this(settings, null);
  }

  /**
   * A node whose tenant store obeys {@code storeFaults} ({@link FaultyStore}), which the caller
   * keeps and changes: JDK types only, since the node's classes are its own.
   */
  public IsolatedNode(Map<String, String> settings, Map<String, Object> storeFaults) {
    URL[] urls =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(IsolatedNode::url)
            .toArray(URL[]::new);
    this.loader = new URLClassLoader("tenant-filter-node", urls, ClassLoader.getPlatformClassLoader());
    this.node = call(() -> loader.loadClass(Node.class.getName())
        .getMethod("start", Map.class, Map.class)
        .invoke(null, Map.copyOf(settings), storeFaults));
  }

  private static URL url(String path) {
    try {
      return new File(path).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path, e);
    }
  }

  private <T> T call(Callable<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("node failed", e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("node failed", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private Object invoke(Object target, String name, Object... args) {
    return call(() -> {
      for (Method method : target.getClass().getMethods()) {
        if (method.getName().equals(name) && method.getParameterCount() == args.length) {
          method.setAccessible(true); // an internal class's public method (a region)
          return method.invoke(target, args);
        }
      }
      throw new NoSuchMethodException(name);
    });
  }

  /**
   * Calls {@code method} on {@code target}, an object this node returned, or on the node itself
   * when {@code target} is {@code null}; by name and argument count.
   */
  public Object call(Object target, String method, Object... args) {
    return invoke(target == null ? node : target, method, args);
  }

  /** The tenant id this node resolves {@code host} to, or {@code status:NNN}. */
  public String tenantOf(String host) {
    return (String) invoke(node, "tenantOf", host);
  }

  /** What a request for {@code host} got: {@code 200 <id> <name>}, or the status ({@link Node#lookup}). */
  public String lookup(String host) {
    return (String) invoke(node, "lookup", host);
  }

  /** Invalidates through this node's TenantCache. */
  public void invalidate(String tenantId) {
    invoke(node, "invalidate", tenantId);
  }

  /** Empties both tiers through this node's TenantCache. */
  public void invalidateAll() {
    invoke(node, "invalidateAll");
  }

  /** A counter of this node's CacheStats, by its accessor's name. */
  public long stat(String name) {
    Object stats = invoke(node, "stats");
    return ((Number) invoke(stats, name)).longValue();
  }

  /** The node's counters, as text. */
  public String describe() {
    return (String) invoke(node, "describe");
  }

  /** Waits until the node hears other nodes' invalidations. */
  public boolean awaitInvalidationChannel(long millis) {
    return (Boolean) invoke(node, "awaitInvalidationChannel", millis);
  }

  @Override
  public void close() throws Exception {
    invoke(node, "close");
    loader.close();
  }
}
