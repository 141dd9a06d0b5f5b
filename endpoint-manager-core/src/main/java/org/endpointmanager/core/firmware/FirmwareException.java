package org.endpointmanager.core.firmware;

import java.util.Objects;
import java.util.Optional;

/** A refused firmware upload or edit; the message says what to change. */
public final class FirmwareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    public enum Kind {
        /** A field is missing or malformed. */
        INVALID,
        /** The vendor is not installed or the extension does not fit it. */
        UNPROCESSABLE,
        /** The file, or all files together, exceed the configured limit. */
        TOO_LARGE,
        /** No such firmware row. */
        NOT_FOUND
    }

    private final Kind kind;
    private final String field;

    /** Creates the exception. */
    public FirmwareException(Kind kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.field = field;
    }

    /** Why. */
    public Kind kind() {
        return kind;
    }

    /** The form field at fault. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
