package ru.gospochta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the server as a separate operating-system process from the test classpath, the way an
 * operator would, and collects what it prints. For start-up failures, which must read as one
 * clear sentence rather than a stack trace.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    public record Outcome(int exitCode, String output) {
    }

    /** A running server; closing it stops the process. */
    public record Running(Process process, Path log) implements AutoCloseable {

        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts the server and leaves it running; wait on {@link Running#output()} for what it should say. */
    public static Running start(Map<String, String> environment, String... args) {
        try {
            Path log = Files.createTempFile("gospochta-process", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("GOSPOCHTA_") || k.startsWith("SPRING_"));
            builder.environment().putAll(environment);
            return new Running(builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Gospochta.class.getName(), "--server.port=0", "--gospochta.mail.catcher.smtp-port=0",
                "--gospochta.mail.catcher.imap-port=0"));
        command.addAll(List.of(args));
        return command;
    }

    public static Outcome runUntilExit(Map<String, String> environment, String... args) {
        try {
            Running running = start(environment, args);
            Process process = running.process();
            Path log = running.log();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not stop by itself:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
