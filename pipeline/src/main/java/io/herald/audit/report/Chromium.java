package io.herald.audit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's {@code chromium}) for printing a report to PDF and for looking at it. */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private Chromium() {}

    /** {@code HERALD_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
    public static Optional<Path> find(Map<String, String> env) {
        String configured = env.get("HERALD_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured.trim());
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs headless Chromium with these arguments on a page and returns its standard output.
     *
     * @throws IOException when it cannot start, fails or takes longer than 120 s
     */
    public static String run(Path chromium, List<String> args, Path page) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check"));
        Path profile = Files.createTempDirectory("herald-chromium");
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(args);
        cmd.add(page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Chromium did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited with " + p.exitValue());
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium ran", e);
        } finally {
            deleteTree(profile);
        }
    }

    /** Prints the page to a PDF file. */
    public static void printToPdf(Path chromium, Path page, Path pdf) throws IOException {
        run(chromium, List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()), page);
        if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
            throw new IOException("Chromium wrote no PDF to " + pdf);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a temporary profile; the OS cleans it up
                }
            });
        } catch (IOException ignored) {
            // likewise
        }
    }
}
