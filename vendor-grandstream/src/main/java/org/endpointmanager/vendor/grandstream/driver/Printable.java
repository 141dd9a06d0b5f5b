package org.endpointmanager.vendor.grandstream.driver;

/** Phone-supplied text made safe for a job detail or a log line: printable ASCII, bounded. */
final class Printable {

    private Printable() {
    }

    static String of(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
