package dev.hayloft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block in {@code docs/} and the README compiles against the library as
 * built, so the user guide cannot drift from the code.
 *
 * <p>A block is compiled as it is when it declares a top-level type (a whole file, imports
 * included); otherwise it is a snippet, compiled as the body of a method, with its own leading
 * {@code import} lines hoisted and every public Hayloft package imported. An HTML comment on the
 * line before the fence can say what a snippet is given or that it is class members:
 *
 * <pre>
 * &lt;!-- compile: given OpenAIChatGenerator llm, List&lt;ChatMessage&gt; messages --&gt;
 * &lt;!-- compile: members --&gt;
 * </pre>
 */
class DocsCodeBlocksCompileTest {
    private static final Pattern FENCE = Pattern.compile("(?m)^(?:<!-- compile: (.*?) -->\\n)?```java\\n(.*?)^```",
            Pattern.DOTALL);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "(?m)^(?:public |final |abstract |sealed )*(?:class|record|interface|enum) \\w+");
    private static final List<String> JDK_IMPORTS = List.of("java.util", "java.util.concurrent", "java.util.function",
            "java.time", "java.nio.file", "java.io", "java.nio.charset");

    record Block(String file, int line, String directive, String code) {
        String name() {
            return file + ":" + line;
        }
    }

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    static List<Block> blocks() throws IOException {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = FENCE.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
                out.add(new Block(root.relativize(f).toString(), line, m.group(1), m.group(2)));
            }
        }
        return out;
    }

    @Test
    void everyJavaBlockInTheDocsCompiles() throws IOException {
        List<Block> blocks = blocks();
        assertFalse(blocks.isEmpty(), "no java blocks found under docs/");
        String imports = hayloftPackages().stream().map(p -> "import " + p + ".*;\n").collect(Collectors.joining())
                + JDK_IMPORTS.stream().map(p -> "import " + p + ".*;\n").collect(Collectors.joining());
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            sources.add(source(blocks.get(i), i, imports));
        }
        List<String> errors = compile(sources);
        assertTrue(errors.isEmpty(), errors.size() + " docs code block error(s):\n" + String.join("\n", errors));
    }

    @Test
    void aBlockThatDoesNotCompileIsReported() {
        String imports = "import java.util.*;\n";
        List<String> errors = compile(List.of(source(new Block("docs/x.md", 7, null,
                "List<String> names = List.of(\"a\");\nnames.nosuchMethod();\n"), 0, imports)));
        assertEquals(1, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(0).startsWith("docs/x.md:"), errors.get(0));
        assertTrue(errors.get(0).contains("nosuchMethod"), errors.get(0));
    }

    private static JavaFileObject source(Block b, int index, String imports) {
        String code = b.code();
        if (isUnit(code) && (b.directive() == null || !b.directive().equals("members"))) {
            return new Source(b, index, unitName(code, index), code, 0);
        }
        StringBuilder own = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int hoisted = 0;
        for (String line : code.split("\n", -1)) {
            if (body.length() == 0 && (line.startsWith("import ") || line.isBlank()) && !line.isBlank()) {
                own.append(line).append('\n');
                hoisted++;
            } else {
                body.append(line).append('\n');
            }
        }
        String given = "";
        boolean members = false;
        if (b.directive() != null) {
            String d = b.directive().trim();
            if (d.equals("members")) {
                members = true;
            } else if (d.startsWith("given ")) {
                given = d.substring("given ".length());
            } else {
                throw new IllegalArgumentException(b.name() + ": unknown directive '" + d + "'");
            }
        }
        String cls = "DocsBlock" + index;
        String header = own + imports + "@SuppressWarnings(\"all\")\nclass " + cls + " {\n"
                + (members ? "" : "void snippet(" + given + ") throws Exception {\n");
        String text = header + body + (members ? "" : "}\n") + "}\n";
        int headerLines = (int) header.chars().filter(c -> c == '\n').count();
        return new Source(b, index, cls, text, headerLines - hoisted);
    }

    /**
     * Whether {@code code} is a whole file: every line at column 0 belongs to a package or import
     * statement, a comment, an annotation, a type declaration or its closing brace.
     */
    static boolean isUnit(String code) {
        boolean sawType = false;
        for (String line : code.split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            if (TOP_LEVEL_TYPE.matcher(line).lookingAt()) {
                sawType = true;
            } else if (!(line.startsWith("package ") || line.startsWith("import ") || line.startsWith("//")
                    || line.startsWith("/*") || line.startsWith("*") || line.startsWith("@") || line.startsWith("}"))) {
                return false;
            }
        }
        return sawType;
    }

    private static String unitName(String code, int index) {
        Matcher m = Pattern.compile("(?m)^public (?:final |abstract |sealed )*(?:class|record|interface|enum) (\\w+)")
                .matcher(code);
        return m.find() ? m.group(1) : "DocsBlock" + index;
    }

    private static List<String> compile(List<JavaFileObject> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out;
        try {
            out = Files.createTempDirectory("docs-blocks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "-proc:none", "-Xlint:none", "-nowarn");
            javac.getTask(new StringWriter(), files, diagnostics, options, null, sources).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(out);
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Source s = (Source) d.getSource();
                long line = s == null ? -1 : s.block.line() + d.getLineNumber() - s.offset;
                errors.add((s == null ? "?" : s.block.file() + ":" + line) + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    /** The public (non-internal) Hayloft packages on the test class path. */
    private static Set<String> hayloftPackages() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isDirectory()) {
                Path base = f.toPath();
                try (Stream<Path> walk = Files.walk(base)) {
                    walk.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> base.relativize(p.getParent()).toString().replace(File.separatorChar, '.'))
                            .forEach(packages::add);
                }
            } else if (f.getName().endsWith(".jar") && f.getName().startsWith("hayloft-")) {
                try (JarFile jar = new JarFile(f)) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String n = e.nextElement().getName();
                        if (n.endsWith(".class") && n.contains("/")) {
                            packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.'));
                        }
                    }
                }
            }
        }
        packages.removeIf(p -> !p.startsWith("dev.hayloft.") || p.contains(".internal") || p.contains(".examples")
                || p.contains(".benchmarks") || p.contains(".testing") || p.contains(".architecture"));
        return packages;
    }

    private static final class Source extends SimpleJavaFileObject {
        final Block block;
        final int offset;
        private final String text;

        Source(Block block, int index, String className, String text, int offset) {
            super(URI.create("string:///docsblock" + index + "/" + className + ".java"), Kind.SOURCE);
            this.block = block;
            this.text = text;
            this.offset = offset;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
