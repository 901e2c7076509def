package dev.loupe.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another program holding a dataset's catalogue (as an SQLite browser with a write pending does): opens
 * {@code args[0]}, takes SQLite's exclusive lock, prints "locked PID", and holds it until its standard input closes.
 */
public final class HoldCatalogue {

    private HoldCatalogue() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("CREATE TABLE IF NOT EXISTS holder (x INTEGER)");
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
            s.execute("ROLLBACK");
        }
    }
}
