package org.endpointmanager.core.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every formatted log line (message and exception text) of the root logger while open. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();

    LogCapture() {
        setContext(((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).getLoggerContext());
        start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        String line = e.getFormattedMessage();
        if (e.getThrowableProxy() != null) {
            line += " " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage();
        }
        lines.add(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(this);
        stop();
    }
}
