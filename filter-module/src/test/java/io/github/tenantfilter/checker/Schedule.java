// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A schedule of writes and faults, a pure function of its seed: the same seed gives the same
 * steps at the same times. Only the lookups that run meanwhile, and how they interleave with the
 * steps, are left to the machine.
 *
 * @param seed what it was made from
 * @param listen whether the nodes LISTEN (else every write is announced through the API)
 * @param initial the tables before the first step
 * @param steps in time order
 */
record Schedule(long seed, boolean listen, Model initial, List<Step> steps) {

  /** The tenant ids, subdomain labels and custom domains a schedule uses: few, so keys collide. */
  static final List<String> IDS = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6");
  static final List<String> LABELS = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
  static final List<String> DOMAINS =
      List.of("d0.example", "d1.example", "d2.example", "d3.example", "d4.example", "d5.example");

  /** Every host a lookup asks for. */
  static List<String> hosts() {
    List<String> hosts = new ArrayList<>();
    LABELS.forEach(label -> hosts.add(label + Model.BASE));
    hosts.addAll(DOMAINS);
    return hosts;
  }

  /** The tables every schedule starts from: t0..t4 active on s0..s4, d0..d3 owned. */
  static Model initialModel() {
    Map<String, Model.Row> tenants = new TreeMap<>();
    for (int i = 0; i < 5; i++) {
      tenants.put("t" + i, new Model.Row("t" + i, "t" + i + "@0", "s" + i, "active"));
    }
    return new Model(tenants, Map.of("d0.example", "t0", "d1.example", "t1", "d2.example", "t2",
        "d3.example", "t0"));
  }

  /**
   * The schedule of {@code seed}: about {@code millis} of steps, a write every 50–400 ms and a
   * fault every few seconds, for {@code nodes} nodes.
   */
  static Schedule generate(long seed, int nodes, long millis) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean listen = seed % 4 != 3; // one schedule in four without LISTEN: the API announces all
    // one schedule in three at a slower pace: stale records live long enough to be seen
    int pause = random.nextInt(3) == 0 ? 1_200 : 350;
    Model model = initialModel();
    List<Step> steps = new ArrayList<>();
    long at = 300;
    int version = 1;
    Step.Kind[] kinds = Step.Kind.values();
    while (at < millis) {
      if (random.nextInt(100) < 15) {
        Step.Kind kind = kinds[random.nextInt(kinds.length)];
        int node = random.nextInt(nodes);
        Step.Fault fault = switch (kind) {
          case REDIS_KILL -> new Step.Fault(at, kind, -1, 300 + random.nextInt(2700), null);
          case REDIS_HANG -> new Step.Fault(at, kind, -1, 300 + random.nextInt(2700), null);
          case PUBSUB_CUT, DB_CUT -> new Step.Fault(at, kind, -1, 0, null);
          case REDIS_PARTITION -> new Step.Fault(at, kind, random.nextInt(3) == 0 ? -1 : node,
              300 + random.nextInt(3700), random.nextBoolean() ? "refuse" : "blackhole");
          case DB_PARTITION -> new Step.Fault(at, kind, random.nextInt(10) < 7 ? -1 : node,
              300 + random.nextInt(3700), "refuse");
          case STORE_SLOW -> new Step.Fault(at, kind, node, 500 + random.nextInt(2500),
              "slow:" + (20 + random.nextInt(980)));
          case STORE_FAIL -> new Step.Fault(at, kind, node, 300 + random.nextInt(2000),
              random.nextBoolean() ? "fail" : "runtime");
          case STORE_ERROR -> new Step.Fault(at, kind, node, 300 + random.nextInt(1500), "error");
          case RESTART -> new Step.Fault(at, kind, node, 0, null);
        };
        steps.add(fault);
        if (random.nextBoolean()) {
          // an episode: a write of a rarely written tenant while the fault lasts, announced the
          // way the fault is about (a lost notification, an owed invalidation, an invalidation
          // that lands on a slow load), so that the dangerous interleavings are common
          Write write = rareWrite(random, model, version++);
          if (write != null) {
            model = model.apply(write);
            Step.Announce announce = kind == Step.Kind.DB_PARTITION && listen
                ? Step.Announce.NONE : Step.Announce.API;
            int announcer = fault.node() >= 0 ? fault.node() : node;
            at += 1 + fault.millis() / 3;
            steps.add(new Step.Change(at, write, announce, announcer));
          }
        }
      } else {
        Write write = write(random, model, version++);
        if (write != null) {
          model = model.apply(write);
          // invalidateAll rarely: it cleans every record, stale ones included, and would hide them
          int roll = random.nextInt(100);
          Step.Announce announce = listen && roll < 40 ? Step.Announce.NONE
              : roll < 97 ? Step.Announce.API : Step.Announce.ALL;
          steps.add(new Step.Change(at, write, announce, random.nextInt(nodes)));
        }
      }
      at += 50 + random.nextInt(pause);
    }
    return new Schedule(seed, listen, initialModel(), List.copyOf(steps));
  }

  /** A rename of one of the least written tenants present, or {@code null} if none. */
  private static Write rareWrite(SplittableRandom random, Model model, int version) {
    List<String> present = new ArrayList<>(model.tenants().keySet());
    if (present.size() < 3) {
      return null;
    }
    String tenant = present.get(present.size() - 1 - random.nextInt(2));
    return random.nextBoolean()
        ? new Write(Write.Kind.RENAME, tenant, tenant + "@" + version)
        : new Write(Write.Kind.STATUS, tenant,
            "active".equals(model.tenants().get(tenant).status()) ? "suspended" : "active");
  }

  /** A write that {@code model} allows, or {@code null} when the one drawn does not fit. */
  private static Write write(SplittableRandom random, Model model, int version) {
    List<String> present = new ArrayList<>(model.tenants().keySet());
    // skewed: t0 is written often, the last ones rarely, so that some records go unwritten long
    // enough for a stale one to outlive its bound (a next write would clean it up)
    String tenant = present.isEmpty() ? null : present.get(skewed(random, present.size()));
    int roll = random.nextInt(100);
    if (tenant == null || roll < 8) {
      String id = IDS.get(random.nextInt(IDS.size()));
      String label = LABELS.get(random.nextInt(LABELS.size()));
      Write insert = new Write(Write.Kind.INSERT, id, label);
      return model.allows(insert) ? insert : null;
    }
    Write write;
    if (roll < 35) {
      write = new Write(Write.Kind.RENAME, tenant, tenant + "@" + version);
    } else if (roll < 50) {
      write = new Write(Write.Kind.STATUS, tenant,
          "active".equals(model.tenants().get(tenant).status()) ? "suspended" : "active");
    } else if (roll < 65) {
      write = new Write(Write.Kind.SUBDOMAIN, tenant,
          random.nextInt(5) == 0 ? null : LABELS.get(random.nextInt(LABELS.size())));
    } else if (roll < 92) {
      String domain = DOMAINS.get(random.nextInt(DOMAINS.size()));
      write = new Write(Write.Kind.DOMAIN, domain, random.nextInt(6) == 0 ? null : tenant);
    } else {
      write = new Write(Write.Kind.DELETE, tenant, null);
    }
    return model.allows(write) ? write : null;
  }

  /** An index below {@code size}, index i with a weight of 1 / (i + 1)². */
  private static int skewed(SplittableRandom random, int size) {
    double total = 0;
    for (int i = 0; i < size; i++) {
      total += 1.0 / ((i + 1) * (i + 1));
    }
    double roll = random.nextDouble() * total;
    for (int i = 0; i < size; i++) {
      roll -= 1.0 / ((i + 1) * (i + 1));
      if (roll < 0) {
        return i;
      }
    }
    return size - 1;
  }

  /** The same schedule with only {@code kept} steps (for shrinking). */
  Schedule with(List<Step> kept) {
    return new Schedule(seed, listen, initial, List.copyOf(kept));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("seed " + seed + (listen ? ", LISTEN on" : ", LISTEN off")
        + ", " + steps.size() + " steps:\n");
    steps.forEach(step -> text.append("  ").append(step).append('\n'));
    return text.toString();
  }
}
