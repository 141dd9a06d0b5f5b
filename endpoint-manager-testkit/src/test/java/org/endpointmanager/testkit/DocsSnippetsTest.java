package org.endpointmanager.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of the documentation are copies of regions of compiled sources (STYLE.md: "snippets
 * taken from compiled tests"). When a source changes, this test names the page, the line and the
 * region that drifted.
 */
class DocsSnippetsTest {

    private static final String GUIDE = "docs/writing-a-vendor-plugin.md";
    private static final Path ROOT = DocSnippets.repositoryRoot(Path.of(""));

    @Test
    void vendorPluginGuideSnippetsMatchTheirSources() throws IOException {
        String page = Files.readString(ROOT.resolve(GUIDE));
        List<String> problems = DocSnippets.check(GUIDE, page, f -> DocSnippets.read(ROOT, f));
        assertTrue(problems.isEmpty(), () -> "documentation snippets are out of date:\n" + String.join("\n", problems));
        int snippets = DocSnippets.parse(page, new ArrayList<>()).size();
        assertTrue(snippets >= 8, () -> GUIDE + " should show the example plug-in through its snippets, has " + snippets);
    }

    @Test
    void everyOtherPageWithSnippetsMatchesItsSources() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> pages = Files.walk(ROOT.resolve("docs"))) {
            for (Path p : pages.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String name = ROOT.relativize(p).toString().replace('\\', '/');
                String page = Files.readString(p);
                if (!name.equals(GUIDE) && page.contains("<!-- snippet:")) {
                    problems.addAll(DocSnippets.check(name, page, f -> DocSnippets.read(ROOT, f)));
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "documentation snippets are out of date:\n" + String.join("\n", problems));
    }

    // The checks below prove the checker itself can fail.

    private static final String SOURCE = String.join("\n",
            "class A {",
            "    // docs:start hello",
            "    void hello() {",
            "        say(\"hi\");",
            "",
            "    }",
            "    // docs:end hello",
            "}");

    private static List<String> check(String page) {
        Map<String, String> files = Map.of("m/src/test/java/A.java", SOURCE);
        return DocSnippets.check("page.md", page, f -> Optional.ofNullable(files.get(f)));
    }

    @Test
    void aRegionLosesItsCommonIndentation() {
        assertEquals(Optional.of("void hello() {\n    say(\"hi\");\n\n}\n"), DocSnippets.region(SOURCE, "hello"));
        assertEquals(Optional.empty(), DocSnippets.region(SOURCE, "absent"));
    }

    @Test
    void anExactCopyPasses() {
        String page = "Text\n\n<!-- snippet: m/src/test/java/A.java#hello -->\n```java\nvoid hello() {\n    say(\"hi\");\n\n}\n```\n";
        assertEquals(List.of(), check(page));
    }

    @Test
    void aDriftedCopyIsReportedWithTheFirstDifference() {
        String page = "<!-- snippet: m/src/test/java/A.java#hello -->\n```java\nvoid hello() {\n    say(\"hello\");\n\n}\n```\n";
        List<String> problems = check(page);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("page.md line 2 (m/src/test/java/A.java#hello)"), problems.get(0));
        assertTrue(problems.get(0).contains("snippet line 2"), problems.get(0));
    }

    @Test
    void unannouncedJavaMissingRegionsAndMissingFilesAreReported() {
        assertEquals(1, check("```java\nint x;\n```\n").size());
        assertTrue(check("<!-- snippet: m/src/test/java/A.java#other -->\n```java\n```\n").get(0)
                .contains("no region"));
        assertTrue(check("<!-- snippet: m/src/test/java/B.java#hello -->\n```java\n```\n").get(0)
                .contains("no such file"));
        assertTrue(check("<!-- snippet: m/src/test/java/A.java#hello -->\nsome prose\n").get(0)
                .contains("not followed by a ```java block"));
        assertEquals(List.of(), check("```sh\ncurl -s localhost:8080/healthz\n```\n"));
    }

    @Test
    void theRepositoryRootHoldsTheDocs() {
        assertTrue(Files.isRegularFile(ROOT.resolve(GUIDE)), () -> GUIDE + " not found under " + ROOT);
        assertTrue(Files.isDirectory(ROOT.resolve("endpoint-manager-testkit")), ROOT::toString);
    }
}
