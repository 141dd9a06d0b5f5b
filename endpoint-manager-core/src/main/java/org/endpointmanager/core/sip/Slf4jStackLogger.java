package org.endpointmanager.core.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIST stack's logger, writing to SLF4J. Named in the stack property {@code
 * gov.nist.javax.sip.STACK_LOGGER}; without it the stack would load log4j 1.x, which is not on the
 * class path (and must never be).
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.endpointmanager.sip.stack");

    /** Public no-argument constructor: the stack instantiates this class by name. */
    public Slf4jStackLogger() {
    }

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("SIP stack exception: {}", ex.toString(), ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel <= TRACE_NONE) {
            return false;
        }
        if (logLevel <= TRACE_ERROR) {
            return LOG.isErrorEnabled();
        }
        if (logLevel <= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        if (logLevel <= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        if (logLevel <= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        return LOG.isTraceEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        // At creation the stack warns that TLS uses JVM defaults; this add-on never opens TLS.
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).matches(
                "(using default (tls|keystore|truststore)|tls (server|trust) settings will be inactive).*")) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        // The stack's INFO lines are start-up chatter (keystore, thread pools): debug is enough.
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
