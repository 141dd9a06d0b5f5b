package org.endpointmanager.core.phonebook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.vendor.PhonebookEntry;

/**
 * An external phonebook: another PBX's phonebook URL (any of the five vendors' XML formats) or a
 * CSV file, with the last good copy of its entries.
 *
 * @param id UUID
 * @param name shown to people and used as the entries' group
 * @param url http or https URL
 * @param format how to read it
 * @param enabled whether it is fetched and merged
 * @param refreshMinutes how often it is fetched
 * @param lastEntries the last good copy (kept while the source is down)
 * @param lastSuccessAt when the last good copy was fetched
 * @param lastAttemptAt when a fetch was last tried
 * @param lastError why the last attempt failed, when it did
 * @param createdAt created
 * @param updatedAt last changed by an admin
 */
public record PhonebookSource(String id, String name, String url, PhonebookFormat format, boolean enabled,
        int refreshMinutes, List<PhonebookEntry> lastEntries, Optional<Instant> lastSuccessAt,
        Optional<Instant> lastAttemptAt, Optional<String> lastError, Instant createdAt, Instant updatedAt) {

    /** Rejects nulls and copies the entries. */
    public PhonebookSource {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(format, "format is null");
        lastEntries = List.copyOf(Objects.requireNonNull(lastEntries, "lastEntries is null"));
        Objects.requireNonNull(lastSuccessAt, "lastSuccessAt is null");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt is null");
        Objects.requireNonNull(lastError, "lastError is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
