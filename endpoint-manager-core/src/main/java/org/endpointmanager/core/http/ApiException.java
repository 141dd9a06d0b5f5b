package org.endpointmanager.core.http;

import java.util.Objects;
import java.util.Optional;

/**
 * An error at the API edge, rendered as {@code {"error": "...", "field": "..."}} with the status
 * of its {@link ErrorCode}. Messages say what was wrong and never contain a secret.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;

    private ApiException(ErrorCode code, String message, String field) {
        super(message);
        this.code = Objects.requireNonNull(code, "code is null");
        this.field = field;
    }

    /** An error about the request as a whole. */
    public static ApiException of(ErrorCode code, String message) {
        return new ApiException(code, message, null);
    }

    /** An error about one field. */
    public static ApiException field(ErrorCode code, String field, String message) {
        return new ApiException(code, message, Objects.requireNonNull(field, "field is null"));
    }

    /** A 400 about one field. */
    public static ApiException invalid(String field, String message) {
        return field(ErrorCode.INVALID_INPUT, field, message);
    }

    /** A 404. */
    public static ApiException notFound(String what) {
        return of(ErrorCode.NOT_FOUND, what + " not found");
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** The field the error is about. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
