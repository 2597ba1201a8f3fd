package ru.gospochta.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.management.OperatingSystemMXBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU time used so far by this JVM (the pipeline, the catcher and the baseline alike) and by the
 * PostgreSQL server's processes, read from /proc: unlike a rate, it hardly moves with the load
 * other work puts on the machine. Zero for PostgreSQL where /proc cannot be read.
 */
record CpuTime(long jvmNanos, long postgresNanos) {

    static CpuTime now(JdbcClient db) {
        long jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new CpuTime(jvm, postgres(db.sql("SELECT pg_backend_pid()").query(Integer.class).single()));
    }

    /** A PostgreSQL process that ended in between takes its time along; what is left is never below zero. */
    CpuTime minus(CpuTime earlier) {
        return new CpuTime(jvmNanos - earlier.jvmNanos, Math.max(0, postgresNanos - earlier.postgresNanos));
    }

    /** The CPU time of each of {@code units} (letters, pages, messages), this JVM and PostgreSQL together. */
    String each(int units) {
        return String.format("%.2f ms", (jvmNanos + postgresNanos) / 1e6 / units);
    }

    String postgresEach(int units) {
        return String.format("%.2f ms", postgresNanos / 1e6 / units);
    }

    /** The server process and every process it started (backends, writers), in nanoseconds. */
    static long postgres(int backend) {
        try {
            long server = Long.parseLong(stat(Path.of("/proc", Integer.toString(backend)))[1]);
            long ticks = 0;
            try (var all = Files.list(Path.of("/proc"))) {
                for (Path process : all.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] fields = stat(process);
                    if (fields.length > 13 && (Long.parseLong(fields[1]) == server
                            || process.getFileName().toString().equals(Long.toString(server)))) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                }
            }
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** The fields of /proc/<pid>/stat after the command name: state, ppid, …, utime at 11, stime at 12 (clock ticks of 10 ms). */
    static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException gone) {
            return new String[0];
        }
    }
}

