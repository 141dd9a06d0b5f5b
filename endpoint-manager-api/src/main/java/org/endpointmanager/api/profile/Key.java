package org.endpointmanager.api.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * A programmable key.
 *
 * @param module 0 for the phone itself, 1.. for expansion modules
 * @param index 1-based key position on the phone or module
 * @param type what the key does
 * @param value the number, extension or DTMF sequence (empty for LINE and NONE)
 * @param label text shown next to the key
 * @param line 1-based account the key uses
 * @param pickupCode optional directed call pickup prefix for BLF keys
 */
public record Key(int module, int index, KeyType type, String value, String label, int line,
        Optional<String> pickupCode) {

    /** Validates ranges and rejects nulls. */
    public Key {
        if (module < 0 || module > 6) {
            throw new IllegalArgumentException("key module must be 0..6");
        }
        if (index < 1 || index > 200) {
            throw new IllegalArgumentException("key index must be 1..200");
        }
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(label, "label is null");
        if (line < 1 || line > 64) {
            throw new IllegalArgumentException("key line must be 1..64");
        }
        Objects.requireNonNull(pickupCode, "pickupCode is null");
    }

    /** A key on the phone itself using line 1. */
    public static Key of(int index, KeyType type, String value, String label) {
        return new Key(0, index, type, value, label, 1, Optional.empty());
    }
}
