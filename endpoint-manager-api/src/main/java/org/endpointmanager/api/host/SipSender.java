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
