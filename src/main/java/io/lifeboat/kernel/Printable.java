package io.lifeboat.kernel;

/** Text as a terminal should show it: control characters (newlines, escapes) written as escapes, never obeyed. */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(point -> {
            if (point == '\n') {
                printable.append("\\n");
            } else if (point == '\r') {
                printable.append("\\r");
            } else if (point == '\t') {
                printable.append("\\t");
            } else if (Character.isISOControl(point)) {
                printable.append(String.format("\\u%04x", point));
            } else {
                printable.appendCodePoint(point);
            }
        });
        return printable.toString();
    }
}
