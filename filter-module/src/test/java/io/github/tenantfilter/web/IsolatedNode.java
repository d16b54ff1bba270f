// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.RegionStats;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A {@link Node} in a class loader of its own (the test class path, loaded again, its parent the
 * platform loader): nothing static is shared with other nodes, as with separate servers. Driven
 * through {@link NodeControl}, the one thing both sides share; every call runs with the node's
 * loader as context class loader, and a failure in the node comes out as an {@link
 * IllegalStateException} ("node failed") whose cause is what the node threw.
 */
public final class IsolatedNode implements NodeControl {

  private final NodeLoader loader;
  private final NodeControl node;

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
    this.loader = new NodeLoader(urls);
    // the one reflective step: the node's own Node class, started in its loader
    this.node = call(() -> (NodeControl) loader.loadClass(Node.class.getName())
        .getMethod("start", Map.class, Map.class)
        .invoke(null, Map.copyOf(settings), storeFaults));
  }

  /**
   * The test class path again, for one node. Only {@link NodeControl} and its nested types, and
   * the two statistics records it returns ({@link CacheStats}, {@link RegionStats}: values of JDK
   * types, no state), come from the test's loader (so that the node's Node implements the
   * interface the test holds); they name JDK types only, which both loaders take from the
   * platform. Every other class, the filter's, its libraries' and the test support's, is the
   * node's own.
   */
  private static final class NodeLoader extends URLClassLoader {
    private static final String SHARED = NodeControl.class.getName();
    private static final Set<String> SHARED_VALUES =
        Set.of(CacheStats.class.getName(), RegionStats.class.getName());

    static {
      registerAsParallelCapable(); // as URLClassLoader itself: nodes load from many threads
    }

    NodeLoader(URL[] urls) {
      super("tenant-filter-node", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(SHARED) || name.startsWith(SHARED + "$") || SHARED_VALUES.contains(name)) {
        return NodeControl.class.getClassLoader().loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
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
    } catch (Exception | Error e) {
      throw new IllegalStateException("node failed", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  @Override
  public String tenantOf(String host) {
    return call(() -> node.tenantOf(host));
  }

  @Override
  public String lookup(String host) {
    return call(() -> node.lookup(host));
  }

  @Override
  public void invalidate(String tenantId) {
    run(() -> node.invalidate(tenantId));
  }

  @Override
  public void invalidateAll() {
    run(node::invalidateAll);
  }

  @Override
  public CacheStats counters() {
    return call(node::counters);
  }

  @Override
  public String describe() {
    return call(node::describe);
  }

  @Override
  public boolean awaitInvalidationChannel(long millis) {
    return call(() -> node.awaitInvalidationChannel(millis));
  }

  @Override
  public RegionControl longRegion(String name, String ttlClass) {
    RegionControl region = call(() -> node.longRegion(name, ttlClass));
    return new RegionControl() {
      @Override
      public Long get(String key, Function<String, Long> loader) {
        return call(() -> region.get(key, loader));
      }

      @Override
      public Optional<Long> getIfPresent(String key) {
        return call(() -> region.getIfPresent(key));
      }

      @Override
      public void put(String key, long value) {
        run(() -> region.put(key, value));
      }

      @Override
      public void invalidate(String key) {
        run(() -> region.invalidate(key));
      }

      @Override
      public void invalidateAll() {
        run(region::invalidateAll);
      }

      @Override
      public RegionStats counters() {
        return call(region::counters);
      }
    };
  }

  @Override
  public List<String> regionNames() {
    return call(node::regionNames);
  }

  @Override
  public Optional<RegionStats> regionCounters(String name) {
    return call(() -> node.regionCounters(name));
  }

  @Override
  public void close() {
    run(node::close);
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
