package org.endpointmanager.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the Java snippets of a Markdown page with the regions of source files they claim to be
 * copied from.
 *
 * <p>A snippet is announced by an HTML comment naming a repository-relative file and a region,
 * {@code <!-- snippet: path/to/File.java#region -->}, followed by a {@code ```java} block. The
 * region is the lines between {@code // docs:start region} and {@code // docs:end region} in that
 * file, with their common indentation removed. Every {@code ```java} block of a checked page must
 * be announced, so no hand-written Java can slip into it.
 */
final class DocSnippets {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([^#\\s]+)#([a-z0-9-]+)\\s*-->");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");

    private DocSnippets() {
    }

    /**
     * One announced snippet.
     *
     * @param file the source file, relative to the repository root
     * @param region the region name
     * @param line the 1-based line of the page where the code block starts
     * @param code the block's text, without the fences
     */
    record Snippet(String file, String region, int line, String code) {
        Snippet {
            Objects.requireNonNull(file, "file is null");
            Objects.requireNonNull(region, "region is null");
            Objects.requireNonNull(code, "code is null");
        }
    }

    /** The folder holding {@code docs/}, found by walking up from {@code start}. */
    static Path repositoryRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder holding docs/ and pom.xml above " + start.toAbsolutePath());
    }

    /**
     * Reads the announced snippets of a page.
     *
     * @param page the Markdown text
     * @param problems receives one message per {@code ```java} block without an announcement, or
     *     announcement without a block
     */
    static List<Snippet> parse(String page, List<String> problems) {
        List<Snippet> out = new ArrayList<>();
        String[] lines = page.split("\n", -1);
        Matcher pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            Matcher m = MARKER.matcher(l);
            if (m.matches()) {
                if (pending != null) {
                    problems.add("line " + pendingLine + ": snippet marker is not followed by a ```java block");
                }
                pending = m;
                pendingLine = i + 1;
                continue;
            }
            if (l.startsWith("```")) {
                int end = closingFence(lines, i);
                boolean java = l.equals("```java");
                if (java && pending == null) {
                    problems.add("line " + (i + 1) + ": ```java block without a <!-- snippet: path#region --> marker"
                            + " before it; every Java snippet must be copied from a compiled source region");
                } else if (pending != null && !java) {
                    problems.add("line " + pendingLine + ": snippet marker is followed by a non-Java block");
                } else if (pending != null) {
                    StringBuilder code = new StringBuilder();
                    for (int k = i + 1; k < end; k++) {
                        code.append(lines[k]).append('\n');
                    }
                    out.add(new Snippet(pending.group(1), pending.group(2), i + 1, code.toString()));
                }
                pending = null;
                i = end;
                continue;
            }
            if (pending != null && !l.isEmpty()) {
                problems.add("line " + pendingLine + ": snippet marker is not followed by a ```java block");
                pending = null;
            }
        }
        if (pending != null) {
            problems.add("line " + pendingLine + ": snippet marker at the end of the page");
        }
        return out;
    }

    private static int closingFence(String[] lines, int open) {
        for (int k = open + 1; k < lines.length; k++) {
            if (lines[k].strip().equals("```")) {
                return k;
            }
        }
        return lines.length;
    }

    /**
     * The text of a region, common indentation removed, each line ending in a line break.
     *
     * @return empty when the file has no such region
     * @throws IllegalArgumentException when the region is opened twice or never closed
     */
    static Optional<String> region(String source, String name) {
        if (!REGION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("region name '" + name + "' must be lowercase letters, digits and '-'");
        }
        String[] lines = source.split("\n", -1);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.equals("// docs:start " + name)) {
                if (start >= 0) {
                    throw new IllegalArgumentException("region '" + name + "' is opened twice");
                }
                start = i;
            } else if (l.equals("// docs:end " + name) && start >= 0 && end < 0) {
                end = i;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        if (end < 0) {
            throw new IllegalArgumentException("region '" + name + "' is never closed with // docs:end " + name);
        }
        List<String> body = new ArrayList<>();
        for (int i = start + 1; i < end; i++) {
            body.add(lines[i].stripTrailing());
        }
        int indent = Integer.MAX_VALUE;
        for (String l : body) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String l : body) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return Optional.of(out.toString());
    }

    /**
     * Checks every announced snippet of a page against its region.
     *
     * @param pageName the page, for messages
     * @param page the page's text
     * @param sources reads a repository-relative path; empty when there is no such file
     * @return one message per problem, empty when the page and the sources agree
     */
    static List<String> check(String pageName, String page, Function<String, Optional<String>> sources) {
        List<String> problems = new ArrayList<>();
        List<String> layout = new ArrayList<>();
        List<Snippet> snippets = parse(page, layout);
        layout.forEach(p -> problems.add(pageName + " " + p));
        for (Snippet s : snippets) {
            String where = pageName + " line " + s.line() + " (" + s.file() + "#" + s.region() + ")";
            if (!s.file().endsWith(".java") || !s.file().contains("/src/")) {
                problems.add(where + ": a snippet must come from a compiled .java file under a module's src/");
                continue;
            }
            Optional<String> source = sources.apply(s.file());
            if (source.isEmpty()) {
                problems.add(where + ": no such file");
                continue;
            }
            Optional<String> region;
            try {
                region = region(source.get(), s.region());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                continue;
            }
            if (region.isEmpty()) {
                problems.add(where + ": the file has no region '// docs:start " + s.region() + "'");
                continue;
            }
            if (!region.get().equals(s.code())) {
                problems.add(where + ": the snippet drifted from its source; " + firstDifference(region.get(), s.code())
                        + "; copy the region into the page again");
            }
        }
        return problems;
    }

    private static String firstDifference(String source, String doc) {
        String[] a = source.split("\n", -1);
        String[] b = doc.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of region>";
            String y = i < b.length ? b[i] : "<end of snippet>";
            if (!x.equals(y)) {
                return "first difference at snippet line " + (i + 1) + ": source has [" + x + "], page has [" + y + "]";
            }
        }
        return "they differ";
    }

    /** Reads a repository file, empty when absent. */
    static Optional<String> read(Path root, String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
