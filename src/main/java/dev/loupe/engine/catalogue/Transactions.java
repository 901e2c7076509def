package dev.loupe.engine.catalogue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/** Ends a batch: rolls back what did not commit and returns the connection to auto-commit. */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {
    }

    static void restoreAutoCommit(Catalogue catalogue) {
        try {
            if (!catalogue.connection().getAutoCommit()) {
                catalogue.connection().rollback();
                catalogue.connection().setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("Could not reset the catalogue connection", e);
        }
    }
}
