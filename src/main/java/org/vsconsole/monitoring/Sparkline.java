package org.vsconsole.monitoring;

import java.util.Locale;

/**
 * Small server-side SVG sparklines (one polyline, no axes) for grid rows; the history panel's
 * charts with axes are {@link LineChart}. Text is XML-escaped; numbers are formatted with a fixed
 * locale. Gaps ({@code NaN}) break the line.
 */
public final class Sparkline {

    private Sparkline() {
    }

    /** A {@code width}×{@code height} sparkline of {@code values} scaled to {@code max} (or their maximum when max ≤ 0). */
    public static String svg(double[] values, double max, int width, int height, String title, String cssClass) {
        double top = max;
        if (top <= 0) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    top = Math.max(top, v);
                }
            }
        }
        if (top <= 0) {
            top = 1;
        }
        StringBuilder out = new StringBuilder(120 + values.length * 12);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(escape(cssClass))
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\"><title>")
                .append(escape(title)).append("</title>");
        double step = values.length > 1 ? (double) (width - 2) / (values.length - 1) : 0;
        boolean open = false;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || v < 0) {
                if (open) {
                    out.append("\"/>");
                    open = false;
                }
                continue;
            }
            if (!open) {
                out.append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"");
                open = true;
            } else {
                out.append(' ');
            }
            double x = 1 + i * step;
            double y = height - 1 - Math.min(1, v / top) * (height - 2);
            out.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        if (open) {
            out.append("\"/>");
        }
        return out.append("</svg>").toString();
    }

    /** XML text and attribute escaping. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
