package dev.loupe.faults;

import dev.loupe.engine.dataset.DatasetLock;

import java.nio.file.Path;

/**
 * A second Loupe process for the lock tests: takes the lock of the dataset in {@code args[0]}, prints "locked", and
 * holds it until its standard input closes (or it is killed).
 */
public final class HoldLock {

    private HoldLock() {
    }

    public static void main(String[] args) throws Exception {
        try (DatasetLock lock = DatasetLock.acquire(Path.of(args[0]), "test holder")) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }
}
