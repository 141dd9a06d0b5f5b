package org.endpointmanager.core.http;

/** Every error the console API reports, with its HTTP status: the one place statuses are chosen. */
public enum ErrorCode {
    /** A malformed or invalid field. */
    INVALID_INPUT(400),
    /** No or bad credentials. */
    UNAUTHENTICATED(401),
    /** The principal's role lacks the permission, or a CSRF token is missing. */
    FORBIDDEN(403),
    /** No such resource. */
    NOT_FOUND(404),
    /** A unique value is taken, or the resource is in use. */
    CONFLICT(409),
    /** The body is larger than allowed. */
    TOO_LARGE(413),
    /** Well-formed but not acceptable, for example an unknown vendor. */
    UNPROCESSABLE(422),
    /** Too many attempts. */
    TOO_MANY_REQUESTS(429),
    /** A fault on the server's side; details are in the server log only. */
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
