package org.endpointmanager.core.phonebook;

import java.util.Locale;
import java.util.Optional;

/** How an external phonebook source is read. */
public enum PhonebookFormat {
    /** Decided by the content: XML when it starts with {@code <}, else CSV. */
    AUTO,
    /** Any of the five vendors' phonebook XML formats. */
    XML,
    /** {@code name,number[,group]} lines. */
    CSV;

    /** The lower-case name used in the API and the table. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API/table value. */
    public static Optional<PhonebookFormat> parse(String text) {
        for (PhonebookFormat f : values()) {
            if (f.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
