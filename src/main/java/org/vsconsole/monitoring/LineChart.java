package org.vsconsole.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A server-side SVG line chart with a value axis (0, half, top) and a time axis (five labels
 * across the span). Points sit at their time, so a gap in the data is a gap in the line, not a
 * straight stroke across it. The top is a round number just above the data's maximum, so small
 * figures are readable instead of a flat line at the bottom of a 100 % scale.
 */
final class LineChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    private static final int LEFT = 72;
    private static final int RIGHT = 12;
    private static final int TOP = 10;
    private static final int BOTTOM = 24;
    private static final int TIME_TICKS = 5;

    /** One line: values by point; {@code cssClass} picks its colour and dash in the style sheet. */
    record Series(String name, double[] values, String cssClass) {
    }

    private LineChart() {
    }

    /**
     * The chart of {@code series} over {@code from}..{@code to}; points are at {@code times}, and
     * two points further apart than {@code gap} are not joined.
     */
    static String svg(String title, List<Instant> times, List<Series> series, Instant from, Instant to, Duration gap,
            double top, DoubleFunction<String> valueLabel, DateTimeFormatter timeLabel) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double span = Math.max(1, Duration.between(from, to).toMillis());
        StringBuilder out = new StringBuilder(2048);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"history-chart\" width=\"100%\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Sparkline.escape(title)).append("\"><title>").append(Sparkline.escape(title)).append("</title>");
        for (double fraction : new double[]{0, 0.5, 1}) {
            double y = TOP + plotHeight - fraction * plotHeight;
            out.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", LEFT, WIDTH - RIGHT, y, y));
            out.append(String.format(Locale.ROOT, "<text class=\"axis-value\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
                    LEFT - 6, y + 3.5)).append(Sparkline.escape(valueLabel.apply(top * fraction))).append("</text>");
        }
        for (int i = 0; i < TIME_TICKS; i++) {
            double fraction = (double) i / (TIME_TICKS - 1);
            double x = LEFT + fraction * plotWidth;
            Instant at = from.plusMillis((long) (fraction * span));
            String anchor = i == 0 ? "start" : i == TIME_TICKS - 1 ? "end" : "middle";
            out.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
                    x, x, TOP + plotHeight, TOP + plotHeight + 4));
            out.append(String.format(Locale.ROOT, "<text class=\"axis-time\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">",
                    x, HEIGHT - 6, anchor)).append(Sparkline.escape(timeLabel.format(at))).append("</text>");
        }
        out.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
                LEFT, WIDTH - RIGHT, TOP + plotHeight, TOP + plotHeight));
        for (Series s : series) {
            // runs of joined points become paths; a point with no neighbour becomes a dot, or it would not show
            List<List<double[]>> runs = new java.util.ArrayList<>();
            List<double[]> run = new java.util.ArrayList<>();
            Instant previous = null;
            for (int i = 0; i < s.values().length && i < times.size(); i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    previous = null;
                    continue;
                }
                Instant at = times.get(i);
                if (previous == null || Duration.between(previous, at).compareTo(gap) > 0) {
                    run = new java.util.ArrayList<>();
                    runs.add(run);
                }
                double x = LEFT + Duration.between(from, at).toMillis() / span * plotWidth;
                double y = TOP + plotHeight - Math.min(1, Math.max(0, v / top)) * plotHeight;
                run.add(new double[]{x, y});
                previous = at;
            }
            out.append("<g class=\"").append(Sparkline.escape(s.cssClass())).append("\"><title>")
                    .append(Sparkline.escape(s.name())).append("</title>");
            for (List<double[]> r : runs) {
                if (r.size() == 1) {
                    out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>", r.getFirst()[0],
                            r.getFirst()[1]));
                    continue;
                }
                out.append("<path fill=\"none\" d=\"");
                for (int i = 0; i < r.size(); i++) {
                    out.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", r.get(i)[0], r.get(i)[1]));
                }
                out.append("\"/>");
            }
            out.append("</g>");
        }
        return out.append("</svg>").toString();
    }

    /**
     * A round top just above {@code max}: 1, 2, 2.5 or 5 times a power of {@code base} steps
     * (10 for percentages and counts, 1024 for bytes, so axis labels read as whole KiB/MiB/GiB).
     */
    static double niceTop(double max, double minimum, boolean binary) {
        double value = Math.max(max, minimum);
        if (value <= 0) {
            return 1;
        }
        double unit = 1;
        if (binary) {
            while (value / unit >= 1024) {
                unit *= 1024;
            }
            value /= unit;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude * unit;
            }
        }
        return 10 * magnitude * unit;
    }
}
