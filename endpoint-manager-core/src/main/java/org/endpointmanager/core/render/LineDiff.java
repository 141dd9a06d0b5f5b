package org.endpointmanager.core.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in unified form ({@code -} removed, {@code +} added, {@code ' '} context), computed
 * with a longest-common-subsequence table. Bounded: files over {@link #MAX_LINES} lines are not
 * diffed (the caller says so), so a preview can never cost quadratic time on a huge file.
 */
public final class LineDiff {

    /** Largest file (in lines) that is diffed. */
    public static final int MAX_LINES = 3000;

    private LineDiff() {
    }

    /**
     * The changed lines with {@code context} unchanged lines around each change; empty when equal.
     *
     * @throws IllegalArgumentException when either side has more than {@link #MAX_LINES} lines
     */
    public static List<String> unified(String before, String after, int context) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            throw new IllegalArgumentException("file too large to diff (more than " + MAX_LINES + " lines)");
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                all.add(" " + a[i]);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                all.add("+" + b[j++]);
            } else {
                all.add("-" + a[i++]);
            }
        }
        boolean[] keep = new boolean[all.size()];
        boolean changed = false;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).charAt(0) != ' ') {
                changed = true;
                for (int c = Math.max(0, k - context); c <= Math.min(all.size() - 1, k + context); c++) {
                    keep[c] = true;
                }
            }
        }
        if (!changed) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        boolean gap = false;
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                out.add(all.get(k));
                gap = false;
            } else if (!gap) {
                out.add("@@");
                gap = true;
            }
        }
        return out;
    }
}
