package org.endpointmanager.api.host;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The host's SIP stack lent to the add-on, so NOTIFYs leave from the PBX's own address and port
 * (phones that trust only their server drop anything else).
 */
public interface SipSender {

    /**
     * Sends an out-of-dialog request and completes with its final response.
     * The host answers digest challenges with the given credentials.
     */
    CompletionStage<Outcome> send(OutOfDialogRequest request);

    /**
     * Sends an out-of-dialog request to a given address instead of the one its Request-URI names:
     * a phone behind NAT registered a Contact with its private address, and only the address and
     * port its REGISTER came from reach it. The Request-URI stays the Contact. A host whose stack
     * routes by its own registrations may ignore {@code destination} (this default does).
     *
     * @param destination where to send the request, when not to the Request-URI's host and port
     */
    default CompletionStage<Outcome> send(OutOfDialogRequest request, java.util.Optional<java.net.InetSocketAddress> destination) {
        return send(request);
    }

    /**
     * An out-of-dialog SIP request (NOTIFY for resync/reboot).
     *
     * @param method the method, {@code NOTIFY}
     * @param requestUri the target URI
     * @param headers extra headers (Event, Subscription-State)
     * @param authUser digest user for a challenge, when the line has one
     * @param authPassword digest password for a challenge
     */
    record OutOfDialogRequest(String method, String requestUri, Map<String, String> headers,
            Optional<String> authUser, Optional<org.endpointmanager.api.Secret> authPassword) {
        /** Copies the headers. */
        public OutOfDialogRequest {
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(requestUri, "requestUri is null");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers is null"));
            Objects.requireNonNull(authUser, "authUser is null");
            Objects.requireNonNull(authPassword, "authPassword is null");
        }
    }

    /**
     * A final result.
     *
     * @param status the SIP status code, or 0 on timeout
     * @param reason the reason phrase or why it failed
     * @param elapsed how long it took
     */
    record Outcome(int status, String reason, Duration elapsed) {
    }
}
