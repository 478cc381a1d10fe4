package se.companydata.gateway.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/** Latency by percentile (log-scaled "nines" axis), one line per series, as a PNG. Plain Java2D. */
final class LatencyPlot {

    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9};
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b)};

    private LatencyPlot() {
    }

    static void write(Path file, String title, Map<String, Histogram> series) throws IOException {
        int w = 900, h = 520, left = 80, right = 220, top = 50, bottom = 60;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double maxMs = 1;
        for (Histogram histogram : series.values()) {
            maxMs = Math.max(maxMs, histogram.getValueAtPercentile(99.9) / 1000.0);
        }
        maxMs = Math.ceil(maxMs / 50) * 50;
        int plotW = w - left - right, plotH = h - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, plotW, plotH);
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - i * plotH / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, y, left + plotW - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.0f ms", maxMs * i / 5), 10, y + 4);
        }
        for (double p : PERCENTILES) {
            int x = left + (int) (x(p) * plotW);
            g.drawString(p == 0 ? "min" : "p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)), x - 12, top + plotH + 20);
        }
        g.drawString("percentile", left + plotW / 2 - 30, h - 15);
        int index = 0;
        for (Map.Entry<String, Histogram> entry : series.entrySet()) {
            g.setColor(COLORS[index % COLORS.length]);
            g.setStroke(new BasicStroke(2.2f));
            int px = -1, py = -1;
            for (double p : PERCENTILES) {
                double ms = entry.getValue().getValueAtPercentile(p) / 1000.0;
                int x = left + (int) (x(p) * plotW);
                int y = top + plotH - (int) Math.min(plotH, ms / maxMs * plotH);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                px = x;
                py = y;
            }
            g.drawString(entry.getKey(), left + plotW + 15, top + 20 + index * 20);
            index++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** 0 → 0, 50 → 0.3, 99.9 → 1: "nines" spread out. */
    private static double x(double percentile) {
        double nines = -Math.log10(1 - Math.min(percentile, 99.9) / 100.0);   // 0 .. 3
        return nines / 3.0;
    }

    static Map<String, Histogram> series() {
        return new LinkedHashMap<>();
    }
}
