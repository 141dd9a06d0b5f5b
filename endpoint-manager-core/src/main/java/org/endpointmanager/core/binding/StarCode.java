package org.endpointmanager.core.binding;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dialled digits against the {@code star_code} setting: {@code <code><extension>*<pin>}.
 *
 * @param extension the extension dialled
 * @param pin the PIN dialled; empty when the caller dialled none
 */
public record StarCode(String extension, Optional<String> pin) {

    /** Longer dial strings are not ours whatever they start with. */
    static final int MAX_DIGITS = 80;
    private static final Pattern REST = Pattern.compile("([0-9]{1,32})(?:\\*([0-9]{0,32}))?#?");

    /** Rejects nulls. */
    public StarCode {
        Objects.requireNonNull(extension, "extension is null");
        Objects.requireNonNull(pin, "pin is null");
    }

    /** What dialled digits turned out to be. */
    public sealed interface Parsed permits NotOurs, Malformed, Dialled {
    }

    /** The digits do not start with the star code: route the call as usual. */
    public record NotOurs() implements Parsed {
    }

    /** They start with the star code but the rest is not {@code <extension>[*<pin>]}. */
    public record Malformed() implements Parsed {
    }

    /**
     * A well-formed binding request.
     *
     * @param code the extension and PIN
     */
    public record Dialled(StarCode code) implements Parsed {
    }

    /**
     * Parses digits.
     *
     * @param starCode the configured prefix, for example {@code *123*}
     * @param digits the user part the phone dialled
     */
    public static Parsed parse(String starCode, String digits) {
        if (starCode == null || starCode.isEmpty() || digits == null || digits.length() > MAX_DIGITS
                || !digits.startsWith(starCode)) {
            return new NotOurs();
        }
        Matcher m = REST.matcher(digits.substring(starCode.length()));
        if (!m.matches()) {
            return new Malformed();
        }
        return new Dialled(new StarCode(m.group(1), Optional.ofNullable(m.group(2)).filter(p -> !p.isEmpty())));
    }
}
