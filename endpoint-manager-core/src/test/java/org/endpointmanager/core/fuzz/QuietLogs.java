package org.endpointmanager.core.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the add-on's log level to WARN while a fuzz suite runs: thousands of refused inputs would
 * otherwise print thousands of (correct) INFO lines. Restored afterwards for the other tests.
 */
final class QuietLogs implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.endpointmanager");
    private final Level before = logger.getLevel();

    QuietLogs() {
        logger.setLevel(Level.WARN);
    }

    @Override
    public void close() {
        logger.setLevel(before);
    }
}
