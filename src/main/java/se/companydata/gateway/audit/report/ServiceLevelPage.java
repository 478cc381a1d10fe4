package se.companydata.gateway.audit.report;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The service-level report as one self-contained HTML page: a table of figures and, per consumer
 * e-service, an SVG chart of p50 / p90 / p99 latency over the period, drawn here (no scripts, no CDN).
 */
public final class ServiceLevelPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Stockholm"));
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int BOTTOM = 30;

    private ServiceLevelPage() {
    }

    public static String render(ServiceLevelReport.Report report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Service levels ")
                .append(escape(DAY.format(report.from()))).append(" – ").append(escape(DAY.format(report.to()))).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
                .append("h2{margin-top:2em}.p50{stroke:#2a7}.p90{stroke:#e90}.p99{stroke:#c33}svg text{font-size:11px;fill:#444}</style></head><body>\n")
                .append("<h1>Service levels per consumer e-service</h1>\n<p>Period ").append(escape(DAY.format(report.from()))).append(" to ")
                .append(escape(DAY.format(report.to()))).append(" (Europe/Stockholm). Latency over calls that were not refused; a minute is ")
                .append("unavailable when the consumer's calls in it disclosed nothing.</p>\n<table><tr><th class=\"l\">Consumer</th><th class=\"l\">E-service</th>")
                .append("<th>Calls</th><th>Answered</th><th>Partial</th><th>Refused</th><th>Failed</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>")
                .append("<th class=\"l\">Producer error share</th><th>Unavailable min</th></tr>\n");
        for (ServiceLevelReport.Consumer c : report.consumers()) {
            html.append("<tr><td class=\"l\">").append(escape(c.organisationsnummer())).append("</td><td class=\"l\">").append(escape(c.eService()))
                    .append("</td><td>").append(c.calls()).append("</td><td>").append(percent(c.answeredShare())).append("</td><td>")
                    .append(percent(c.partialShare())).append("</td><td>").append(percent(c.refusedShare())).append("</td><td>")
                    .append(percent(c.failedShare())).append("</td><td>").append(c.latency().p50()).append("</td><td>").append(c.latency().p90())
                    .append("</td><td>").append(c.latency().p99()).append("</td><td class=\"l\">");
            c.producers().forEach((p, e) -> html.append(escape(p)).append(' ').append(percent(e.errorShare())).append(" of ").append(e.calls()).append("<br>"));
            html.append("</td><td>").append(c.unavailableMinutes()).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (ServiceLevelReport.Consumer c : report.consumers()) {
            html.append("<h2>").append(escape(c.organisationsnummer())).append(" / ").append(escape(c.eService())).append("</h2>\n")
                    .append(chart(c.series(), report.seriesStep()));
        }
        return html.append("</body></html>\n").toString();
    }

    /** Latency per hour or day: three polylines on a shared millisecond axis. */
    public static String chart(List<ServiceLevelReport.Point> points, String step) {
        if (points.isEmpty()) {
            return "<p>No calls that were not refused.</p>\n";
        }
        long max = Math.max(1, points.stream().mapToLong(ServiceLevelReport.Point::p99).max().orElse(1));
        int plotWidth = WIDTH - LEFT - 10;
        int plotHeight = HEIGHT - BOTTOM - 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"latency per ").append(step).append("\">")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"10\" x2=\"").append(LEFT).append("\" y2=\"").append(10 + plotHeight)
                .append("\" stroke=\"#888\"/><line x1=\"").append(LEFT).append("\" y1=\"").append(10 + plotHeight).append("\" x2=\"")
                .append(LEFT + plotWidth).append("\" y2=\"").append(10 + plotHeight).append("\" stroke=\"#888\"/>")
                .append("<text x=\"4\" y=\"16\">").append(max).append(" ms</text><text x=\"4\" y=\"").append(10 + plotHeight).append("\">0</text>")
                .append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8).append("\">").append(escape(DAY.format(points.get(0).start())))
                .append("</text><text x=\"").append(LEFT + plotWidth - 110).append("\" y=\"").append(HEIGHT - 8).append("\">")
                .append(escape(DAY.format(points.get(points.size() - 1).start()))).append("</text>");
        for (String line : List.of("p50", "p90", "p99")) {
            svg.append("<polyline class=\"").append(line).append("\" fill=\"none\" stroke-width=\"2\" points=\"");
            for (int i = 0; i < points.size(); i++) {
                ServiceLevelReport.Point p = points.get(i);
                long value = switch (line) {
                    case "p50" -> p.p50();
                    case "p90" -> p.p90();
                    default -> p.p99();
                };
                double x = LEFT + (points.size() == 1 ? plotWidth / 2.0 : i * (double) plotWidth / (points.size() - 1));
                double y = 10 + plotHeight - value * (double) plotHeight / max;
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("\"/>");
        }
        svg.append("<text x=\"").append(LEFT + 10).append("\" y=\"24\"><tspan fill=\"#2a7\">p50</tspan> <tspan fill=\"#e90\">p90</tspan> ")
                .append("<tspan fill=\"#c33\">p99</tspan> per ").append(step).append("</text></svg>\n");
        return svg.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
