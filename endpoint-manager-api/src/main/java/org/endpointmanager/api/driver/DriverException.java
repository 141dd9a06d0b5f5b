package org.endpointmanager.api.driver;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A driver operation that failed, with a {@link DriverFailure} code. Messages are for people and
 * never carry a secret (no password, token or session id).
 */
public final class DriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DriverFailure failure;
    private final int attemptsLeft;

    /**
     * Creates the exception.
     *
     * @param failure why it failed
     * @param message what happened, for people
     */
    public DriverException(DriverFailure failure, String message) {
        this(failure, message, -1, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param failure why it failed
     * @param message what happened, for people
     * @param cause the underlying error
     */
    public DriverException(DriverFailure failure, String message, Throwable cause) {
        this(failure, message, -1, cause);
    }

    private DriverException(DriverFailure failure, String message, int attemptsLeft, Throwable cause) {
        super(Objects.requireNonNull(message, "message is null"), cause);
        this.failure = Objects.requireNonNull(failure, "failure is null");
        this.attemptsLeft = attemptsLeft;
    }

    /**
     * A wrong user name or password.
     *
     * @param attemptsLeft the login attempts the phone still allows before it locks, when it said
     */
    public static DriverException wrongCredentials(OptionalInt attemptsLeft) {
        Objects.requireNonNull(attemptsLeft, "attemptsLeft is null");
        String left = attemptsLeft.isPresent() ? " (" + attemptsLeft.getAsInt() + " attempts left before the phone locks)" : "";
        return new DriverException(DriverFailure.WRONG_CREDENTIALS,
                "the phone refused the user name or password" + left + "; not retried", attemptsLeft.orElse(-1), null);
    }

    /** Why it failed. */
    public DriverFailure failure() {
        return failure;
    }

    /** For {@link DriverFailure#WRONG_CREDENTIALS}: the attempts the phone still allows, when it said. */
    public OptionalInt attemptsLeft() {
        return attemptsLeft < 0 ? OptionalInt.empty() : OptionalInt.of(attemptsLeft);
    }
}
