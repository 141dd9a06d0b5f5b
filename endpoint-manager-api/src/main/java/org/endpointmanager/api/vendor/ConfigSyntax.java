package org.endpointmanager.api.vendor;

/** The syntax of a rendered file, which decides how the engine validates it before serving. */
public enum ConfigSyntax {
    /** {@code key = value} lines (Yealink); each line must be a comment, blank, or one assignment. */
    KEY_VALUE,
    /** Fanvil's sectioned text format; validated line by line like KEY_VALUE with ':' separators. */
    SECTIONED_TEXT,
    /** XML; must be well-formed and carry no DOCTYPE. */
    XML,
    /** Anything else (descriptors, binary); served as is. */
    OPAQUE
}
