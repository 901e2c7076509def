package dev.loupe.engine.dataset;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * Who holds a dataset's lock, as written in the lock file: enough for the next Loupe to tell the user which process
 * has the dataset, since when, and doing what. Plain {@code key=value} lines so a user can read it too.
 */
public record LockHolder(long pid, long processStart, long since, String host, String purpose) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    static LockHolder current(String purpose) {
        ProcessHandle me = ProcessHandle.current();
        long start = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new LockHolder(me.pid(), start, System.currentTimeMillis(), localHost(), purpose);
    }

    String format() {
        return "pid=" + pid + "\nprocessStart=" + processStart + "\nsince=" + since + "\nhost=" + host
                + "\npurpose=" + purpose.replace('\n', ' ') + "\n";
    }

    /** Parses {@link #format()}; null when the text is empty or not a lock file (e.g. cut short by a crash). */
    static LockHolder parse(String text) {
        try {
            Properties p = new Properties();
            p.load(new java.io.StringReader(text));
            if (p.getProperty("pid") == null) {
                return null;
            }
            return new LockHolder(Long.parseLong(p.getProperty("pid")),
                    Long.parseLong(p.getProperty("processStart", "0")), Long.parseLong(p.getProperty("since", "0")),
                    p.getProperty("host", "?"), p.getProperty("purpose", "?"));
        } catch (java.io.IOException | NumberFormatException e) {
            return null;
        }
    }

    /** "process 1234 (loupe train) on host, since 2024-05-01 10:15:02". */
    public String describe() {
        return "process " + pid + " (" + purpose + ") on " + host + ", since " + WHEN.format(Instant.ofEpochMilli(since));
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "this computer";
        }
    }
}
