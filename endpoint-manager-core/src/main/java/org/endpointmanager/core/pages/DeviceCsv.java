package org.endpointmanager.core.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The device CSV (RFC 4180): columns {@code mac,vendor,model,label,extension,template}. Export
 * guards spreadsheet formulas by prefixing a cell that starts with {@code = + - @} with an
 * apostrophe; import removes that prefix again so an exported file imports unchanged.
 */
final class DeviceCsv {

    /** The columns, in export order. */
    static final List<String> COLUMNS = List.of("mac", "vendor", "model", "label", "extension", "template");
    /** At most this many data rows in one import. */
    static final int MAX_ROWS = 10_000;
    private static final int MAX_CELL = 256;

    /**
     * One data row.
     *
     * @param line the row's line number in the file (the header is line 1)
     * @param cells cells by column name (absent columns are absent)
     */
    record Row(int line, Map<String, String> cells) {
        Row {
            cells = Map.copyOf(cells);
        }

        Optional<String> get(String column) {
            return Optional.ofNullable(cells.get(column));
        }
    }

    /** A file that cannot be read as a device CSV at all (not a row error). */
    static final class MalformedCsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedCsvException(String message) {
            super(message);
        }
    }

    private DeviceCsv() {
    }

    /** Parses a file; the header names the columns (any order, any case; {@code mac} and {@code vendor} required). */
    static List<Row> parse(String text) {
        Objects.requireNonNull(text, "text is null");
        List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new MalformedCsvException("the file is empty; the first line must name the columns " + COLUMNS);
        }
        List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String h : header) {
            if (!COLUMNS.contains(h)) {
                throw new MalformedCsvException("unknown column '" + printable(h) + "' (known: " + String.join(",", COLUMNS) + ")");
            }
            if (header.indexOf(h) != header.lastIndexOf(h)) {
                throw new MalformedCsvException("column '" + h + "' appears twice");
            }
        }
        if (!header.contains("mac") || !header.contains("vendor")) {
            throw new MalformedCsvException("the header needs the columns mac and vendor");
        }
        if (records.size() - 1 > MAX_ROWS) {
            throw new MalformedCsvException("at most " + MAX_ROWS + " rows per import");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue; // blank line
            }
            Map<String, String> cells = new TreeMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = c < r.size() ? unguard(r.get(c).strip()) : "";
                cells.put(header.get(c), v);
            }
            if (r.size() > header.size()) {
                cells.put("_extra", Integer.toString(r.size() - header.size()));
            }
            rows.add(new Row(i + 1, cells));
        }
        return rows;
    }

    /** One CSV line (with CRLF) for the cells in {@link #COLUMNS} order. */
    static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = guard(cells.get(i) == null ? "" : cells.get(i));
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.append("\r\n").toString();
    }

    private static String guard(String v) {
        return !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    private static String unguard(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }

    private static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(cell, c, line);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                out.add(record);
                record = new ArrayList<>();
                any = false;
                line++;
                if (out.size() > MAX_ROWS + 1) {
                    throw new MalformedCsvException("at most " + MAX_ROWS + " rows per import");
                }
            } else if (c < 0x20 && c != '\t') {
                throw new MalformedCsvException("line " + line + ": control character in a cell");
            } else {
                append(cell, c, line);
            }
        }
        if (quoted) {
            throw new MalformedCsvException("line " + line + ": a quoted cell is not closed");
        }
        if (any) {
            record.add(cell.toString());
            out.add(record);
        }
        return out;
    }

    private static void append(StringBuilder cell, char c, int line) {
        if (cell.length() >= MAX_CELL) {
            throw new MalformedCsvException("line " + line + ": a cell is longer than " + MAX_CELL + " characters");
        }
        cell.append(c);
    }

    private static String printable(String s) {
        String t = s.length() > 32 ? s.substring(0, 32) : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
