package io.github.tenantfilter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link HotPathBench} on one thread. */
@Threads(1)
public class HotPath extends HotPathBench {}
