package org.endpointmanager.core.sip;

import java.util.Objects;

/** Where a NOTIFY for one device goes, or why it goes nowhere. */
public sealed interface NotifyTarget {

    /**
     * A phone to NOTIFY.
     *
     * @param requestUri the request-URI (a registered contact or {@code sip:anonymous@<ip>:5060})
     * @param source how it was found: {@code registration} or {@code last seen address}
     * @param account the line-1 account (digest credentials), when the device has one
     * @param destination where to send it when not to the request-URI: the address and port the
     *     phone's REGISTER came from (behind NAT only they reach the phone)
     */
    record Phone(String requestUri, String source, java.util.Optional<LineAccount> account,
            java.util.Optional<java.net.InetSocketAddress> destination) implements NotifyTarget {
        /** Rejects nulls. */
        public Phone {
            Objects.requireNonNull(requestUri, "requestUri is null");
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(destination, "destination is null");
        }
    }

    /**
     * Sending is refused: the wrong phone (or several) could act on it.
     *
     * @param reason for the operator
     */
    record Refused(String reason) implements NotifyTarget {
        /** Rejects null. */
        public Refused {
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /** Neither a registration nor a last seen address is known. */
    record NoAddress() implements NotifyTarget {
    }
}
