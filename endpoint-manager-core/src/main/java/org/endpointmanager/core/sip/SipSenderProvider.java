package org.endpointmanager.core.sip;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.host.SipSender;
import org.endpointmanager.core.config.EndpointManagerConfig;

/**
 * The sender NOTIFYs leave through: the host's {@link SipSender} when it lends one (phones trust
 * their own server's address), else the add-on's own JAIN-SIP stack, opened on first use so an
 * engine that never sends a NOTIFY never binds the {@code [sip]} port.
 */
public final class SipSenderProvider implements AutoCloseable {

    private final Optional<SipSender> host;
    private final EndpointManagerConfig.Sip config;
    private JainSipSender own;
    private boolean closed;

    /** Creates the provider. */
    public SipSenderProvider(Optional<SipSender> host, EndpointManagerConfig.Sip config) {
        this.host = Objects.requireNonNull(host, "host is null");
        this.config = Objects.requireNonNull(config, "config is null");
    }

    /**
     * The sender to use.
     *
     * @throws IllegalStateException when the own stack cannot be opened (port in use) or is closed
     */
    public synchronized SipSender sender() {
        if (host.isPresent()) {
            return host.get();
        }
        if (closed) {
            throw new IllegalStateException("the SIP stack is closed");
        }
        if (own == null) {
            own = JainSipSender.start(config);
        }
        return own;
    }

    /** Whether NOTIFYs go through the host's sender. */
    public boolean usesHost() {
        return host.isPresent();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (own != null) {
            own.close();
            own = null;
        }
    }
}
