package org.endpointmanager.api.vendor;

import java.util.List;
import java.util.Objects;

/**
 * One contact of a remote phonebook.
 *
 * @param name display name
 * @param numbers one or more numbers, first is the main one
 * @param group group name (for example the PBX or site it came from); may be empty
 */
public record PhonebookEntry(String name, List<String> numbers, String group) {
    /** Copies the list; at least one number. */
    public PhonebookEntry {
        Objects.requireNonNull(name, "name is null");
        numbers = List.copyOf(Objects.requireNonNull(numbers, "numbers is null"));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("a phonebook entry needs a number");
        }
        Objects.requireNonNull(group, "group is null");
    }
}
