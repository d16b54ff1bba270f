// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {

  /** What the fake naming context has at {@link BackgroundThreads#JNDI_NAME}; null: nothing. */
  private static volatile Object bound;

  /** A naming context of a container, as far as {@code new InitialContext()} can tell. */
  public static final class FakeContextFactory implements InitialContextFactory {
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
      return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
          new Class<?>[] {Context.class}, (proxy, method, args) -> {
            switch (method.getName()) {
              case "lookup" -> {
                if (BackgroundThreads.JNDI_NAME.equals(String.valueOf(args[0]))
                    && bound != null) {
                  return bound;
                }
                throw new NameNotFoundException(String.valueOf(args[0]));
              }
              case "close" -> {
                return null;
              }
              default -> throw new UnsupportedOperationException(method.getName());
            }
          });
    }
  }

  private final ClassLoader loader = getClass().getClassLoader();

  @AfterEach
  void leaveTheContainer() {
    System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    bound = null;
  }

  private static void inContainerWith(Object atJndiName) {
    bound = atJndiName;
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, FakeContextFactory.class.getName());
  }

  @Test
  void plain_namedDaemonThreads() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Thread thread = BackgroundThreads.plain().newThread("tenant-filter-test", ran::countDown);
    assertThat(thread.getName()).isEqualTo("tenant-filter-test");
    assertThat(thread.isDaemon()).isTrue();
    assertThat(BackgroundThreads.plain().managed()).isFalse();
    thread.start();
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void fromContainer_outsideAContainer_plainThreads() {
    assertThat(BackgroundThreads.fromContainer(loader).managed()).isFalse();
  }

  @Test
  void fromContainer_theServersFactory_threadsComeFromIt_withOurNames() throws Exception {
    FakeManagedThreadFactory server = new FakeManagedThreadFactory();
    inContainerWith(server);
    BackgroundThreads threads = BackgroundThreads.fromContainer(loader);
    assertThat(threads.managed()).isTrue();

    CountDownLatch ran = new CountDownLatch(1);
    Thread thread = threads.newThread("tenant-filter-test", ran::countDown);
    assertThat(server.made()).containsExactly(thread);
    assertThat(thread).isInstanceOf(FakeManagedThreadFactory.Managed.class);
    assertThat(thread.getName()).isEqualTo("tenant-filter-test");
    assertThat(thread.isDaemon()).as("left as the server made it").isFalse();
    thread.start();
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();

    // an executor's factory: every thread it makes is the server's too
    Thread pooled = threads.named("tenant-filter-pool").newThread(() -> { });
    assertThat(server.made()).containsExactly(thread, pooled);
    assertThat(pooled.getName()).isEqualTo("tenant-filter-pool");
    assertThat(server.awaitAllEnded()).isEmpty();
  }

  @Test
  void fromContainer_withoutTheConcurrencyApi_plainThreads_noLookup() {
    inContainerWith(new FakeManagedThreadFactory());
    // a loader that does not see jakarta.enterprise.concurrent, as on a server without it
    ClassLoader withoutApi = ClassLoader.getPlatformClassLoader();
    assertThat(BackgroundThreads.fromContainer(withoutApi).managed()).isFalse();
  }

  @Test
  void fromContainer_nothingBound_plainThreads() {
    inContainerWith(null);
    assertThat(BackgroundThreads.fromContainer(loader).managed()).isFalse();
  }

  @Test
  void fromContainer_notAManagedThreadFactory_plainThreads() {
    ThreadFactory someOtherFactory = Thread::new;
    inContainerWith(someOtherFactory);
    assertThat(BackgroundThreads.fromContainer(loader).managed()).isFalse();
  }

  @Test
  void managed_factoryRefuses_rejectedExecution() {
    FakeManagedThreadFactory server = new FakeManagedThreadFactory();
    BackgroundThreads threads = BackgroundThreads.managedBy(server);
    server.stop();
    assertThatThrownBy(() -> threads.newThread("tenant-filter-test", () -> { }))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("tenant-filter-test");
  }
}
