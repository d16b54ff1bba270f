// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every JUL record of every logger while open, at every level of the filter's loggers and of
 * Jedis's (which logs through slf4j into JUL in the tests): for checks that a secret appears in
 * no log record, its message, parameters or exceptions.
 */
public final class LogCapture implements AutoCloseable {

  private static final List<String> VERBOSE = List.of("io.github.tenantfilter", "redis.clients");

  private final Logger root = Logger.getLogger("");
  private final List<Logger> verbose = new ArrayList<>();
  private final List<Level> previous = new ArrayList<>();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    for (String name : VERBOSE) {
      Logger logger = Logger.getLogger(name);
      verbose.add(logger);
      previous.add(logger.getLevel());
      logger.setLevel(Level.ALL);
    }
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** The records so far. */
  public List<LogRecord> records() {
    return records;
  }

  /**
   * Everything the records say, one line per record: level, logger, the formatted message, and
   * each exception in the cause chain with its message and stack trace.
   */
  public String text() {
    SimpleFormatter formatter = new SimpleFormatter();
    StringBuilder text = new StringBuilder();
    for (LogRecord record : records) {
      text.append(formatter.format(record)); // message, parameters, exception and its causes
      if (record.getParameters() != null) {
        for (Object parameter : record.getParameters()) {
          text.append(" param: ").append(parameter);
        }
      }
      text.append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    for (int i = 0; i < verbose.size(); i++) {
      verbose.get(i).setLevel(previous.get(i));
    }
  }
}
