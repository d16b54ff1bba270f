// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart drawn with Java2D (headless) into a PNG: categories along x, one bar per
 * series in each, the value written above each bar. Enough for the benchmark's figures.
 */
final class BarChart {

  private static final Color[] PALETTE = {
    new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xE15759),
    new Color(0x76B7B2), new Color(0xB07AA1)
  };

  private record Series(String name, double[] values) {}

  private final String title;
  private final String yLabel;
  private final String format;
  private final List<String> categories;
  private final List<Series> series = new ArrayList<>();

  BarChart(String title, String yLabel, String format, List<String> categories) {
    this.title = title;
    this.yLabel = yLabel;
    this.format = format;
    this.categories = categories;
  }

  BarChart series(String name, double... values) {
    series.add(new Series(name, values));
    return this;
  }

  void write(Path png) throws IOException {
    int width = 1000;
    int height = 520;
    int left = 90;
    int right = 20;
    int top = 60;
    int bottom = 110;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);

    double max = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    double step = niceStep(max <= 0 ? 1 : max / 5);
    double axisMax = Math.ceil((max <= 0 ? 1 : max * 1.12) / step) * step;
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;

    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString(title, left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics metrics = g.getFontMetrics();
    for (double y = 0; y <= axisMax + step / 2; y += step) {
      int py = top + plotHeight - (int) Math.round(y / axisMax * plotHeight);
      g.setColor(new Color(0xDDDDDD));
      g.drawLine(left, py, left + plotWidth, py);
      g.setColor(Color.DARK_GRAY);
      String label = String.format(Locale.ROOT, format, y);
      g.drawString(label, left - 8 - metrics.stringWidth(label), py + 4);
    }
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(top + plotHeight / 2 + metrics.stringWidth(yLabel) / 2), 18);
    rotated.dispose();

    int groups = categories.size();
    double groupWidth = (double) plotWidth / groups;
    double barWidth = groupWidth * 0.8 / series.size();
    for (int c = 0; c < groups; c++) {
      double groupLeft = left + c * groupWidth + groupWidth * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double v = series.get(s).values()[c];
        if (Double.isNaN(v)) {
          continue;
        }
        int barHeight = (int) Math.round(v / axisMax * plotHeight);
        int x = (int) Math.round(groupLeft + s * barWidth);
        int y = top + plotHeight - barHeight;
        g.setColor(PALETTE[s % PALETTE.length]);
        g.fillRect(x, y, (int) Math.max(1, barWidth - 3), Math.max(barHeight, 1));
        g.setColor(Color.BLACK);
        String text = String.format(Locale.ROOT, format, v);
        int tx = x + (int) (barWidth - 3) / 2 - metrics.stringWidth(text) / 2;
        g.drawString(text, tx, y - 4);
      }
      g.setColor(Color.BLACK);
      drawWrapped(g, categories.get(c), (int) (left + c * groupWidth + groupWidth / 2),
          top + plotHeight + 18, (int) groupWidth - 6);
    }
    g.setStroke(new BasicStroke(1.5f));
    g.drawLine(left, top + plotHeight, left + plotWidth, top + plotHeight);
    g.drawLine(left, top, left, top + plotHeight);

    if (series.size() > 1) {
      int x = left;
      int y = height - 22;
      for (int s = 0; s < series.size(); s++) {
        g.setColor(PALETTE[s % PALETTE.length]);
        g.fillRect(x, y - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString(series.get(s).name(), x + 16, y);
        x += 16 + metrics.stringWidth(series.get(s).name()) + 24;
      }
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void drawWrapped(Graphics2D g, String text, int centerX, int y, int maxWidth) {
    FontMetrics metrics = g.getFontMetrics();
    StringBuilder line = new StringBuilder();
    int lineY = y;
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (metrics.stringWidth(candidate) > maxWidth && line.length() > 0) {
        g.drawString(line.toString(), centerX - metrics.stringWidth(line.toString()) / 2, lineY);
        lineY += metrics.getHeight();
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    g.drawString(line.toString(), centerX - metrics.stringWidth(line.toString()) / 2, lineY);
  }

  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }
}
