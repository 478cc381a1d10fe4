package se.companydata.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs hold together: every link between them reaches a file and a heading, every doc file or heading that
 * code, configuration, manifests and scripts cite exists, the README stays short, and nothing outside the tests
 * depends on the published contracts CI places beside the clone.
 */
class DocsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A citation in code: docs/file.md, optionally with #anchor or "Heading". */
    private static final Pattern CITATION = Pattern.compile("((?:README|docs/[\\w-]+)\\.md)(#[\\w-]+|\\s+\\\\?\"([^\"\\\\]+)\\\\?\")?");
    private static final List<String> CITING = List.of("src/main", "deploy", "tools", "bench", ".ci", "run-sandbox.sh", "pom.xml");

    @Test
    void everyLinkInTheDocsReachesAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : docs()) {
            Matcher link = LINK.matcher(withoutCode(Files.readString(doc)));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http:") || target.startsWith("https:") || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target + " (no such file)");
                } else if (target.contains("#") && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(links).as("links between the docs").isGreaterThan(30);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyDocCitedInCodeAndManifestsExistsWithItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int citations = 0;
        for (Path file : citingFiles()) {
            String text = Files.readString(file).replaceAll("\\s*\\n\\s*(#|//|\\*|--)?\\s*", " ");
            Matcher citation = CITATION.matcher(text);
            while (citation.find()) {
                citations++;
                Path doc = Path.of(citation.group(1)).toAbsolutePath();
                if (!Files.exists(doc)) {
                    broken.add(file + " cites " + doc + " (no such file)");
                    continue;
                }
                String heading = citation.group(3) != null ? anchor(citation.group(3))
                        : citation.group(2) != null && citation.group(2).startsWith("#") ? citation.group(2).substring(1) : null;
                if (heading != null && !anchors(doc).contains(heading)) {
                    broken.add(file + " cites " + citation.group(0).strip() + " (no such heading in " + doc + ")");
                }
            }
        }
        assertThat(citations).as("doc citations in code and manifests").isGreaterThan(15);
        assertThat(broken).as("citations of missing docs or headings").isEmpty();
    }

    @Test
    void theReadmeIsAnEntranceNotTheManual() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).as("README lines").hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void nothingOutsideTheTestsReliesOnThePublishedContractsBesideTheClone() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = new ArrayList<>(citingFiles());
        files.addAll(docs());
        for (Path file : files) {
            if (Files.readString(file).contains("../shared")) {
                found.add(file.toString());
            }
        }
        assertThat(found).as("files outside src/test naming ../shared").isEmpty();
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<Path> citingFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String root : CITING) {
            Path path = Path.of(root);
            if (Files.isRegularFile(path)) {
                found.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile).filter(p -> !p.toString().matches(".*\\.(png|jpg|p12|jar|class)$"))
                            .sorted().forEach(found::add);
                }
            }
        }
        return found;
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    private static Set<String> anchors(Path doc) {
        try {
            Set<String> anchors = new HashSet<>();
            boolean fence = false;
            for (String line : Files.readAllLines(doc)) {
                if (line.startsWith("```")) {
                    fence = !fence;
                } else if (!fence && line.matches("^#{1,6} .*")) {
                    // A heading that repeats gets GitHub's -1, -2 … after its first.
                    String anchor = anchor(line.replaceFirst("^#+ ", ""));
                    String unique = anchor;
                    for (int n = 1; !anchors.add(unique); n++) {
                        unique = anchor + "-" + n;
                    }
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }

    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
