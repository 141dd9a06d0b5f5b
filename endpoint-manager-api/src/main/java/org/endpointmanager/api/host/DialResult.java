package org.endpointmanager.api.host;

import java.util.Objects;

/**
 * What a {@link DialHook} decided about a call it claimed. The host ends the call with a final
 * response that matches the outcome; no media is set up.
 *
 * @param outcome the decision
 * @param reason a short, human-readable reason the host may put in a Reason or Warning header;
 *     never a secret
 */
public record DialResult(Outcome outcome, String reason) {

    /** The decision. */
    public enum Outcome {
        /** Done (a SIP host answers 200 and hangs up). */
        ACCEPTED,
        /** Refused for good: wrong code, wrong PIN, unknown extension (a SIP host answers 403). */
        REFUSED,
        /** Cannot be done now: throttled, ambiguous caller (a SIP host answers 480). */
        RETRY_LATER
    }

    /** Rejects nulls, control characters and overlong reasons (they end up in a header). */
    public DialResult {
        Objects.requireNonNull(outcome, "outcome is null");
        Objects.requireNonNull(reason, "reason is null");
        if (reason.length() > 200 || reason.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("reason must be at most 200 characters without control characters");
        }
    }

    /** Accepted with a reason. */
    public static DialResult accepted(String reason) {
        return new DialResult(Outcome.ACCEPTED, reason);
    }

    /** Refused with a reason. */
    public static DialResult refused(String reason) {
        return new DialResult(Outcome.REFUSED, reason);
    }

    /** Not now, with a reason. */
    public static DialResult retryLater(String reason) {
        return new DialResult(Outcome.RETRY_LATER, reason);
    }
}
