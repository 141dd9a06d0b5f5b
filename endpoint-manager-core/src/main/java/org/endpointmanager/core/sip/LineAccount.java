package org.endpointmanager.core.sip;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.core.store.LineRecord;

/**
 * The SIP account of one line as NOTIFY needs it: the names it may register under (extension
 * number, explicit user name, the extension's SIP user) and the digest credentials to answer a
 * phone's challenge with.
 *
 * @param names every name the line's account is known by (never empty)
 * @param display the name shown in messages (the user name, else the extension)
 * @param authUser digest user
 * @param authPassword digest password
 */
public record LineAccount(Set<String> names, String display, Optional<String> authUser, Optional<Secret> authPassword) {

    /** Copies the names. */
    public LineAccount {
        names = Set.copyOf(Objects.requireNonNull(names, "names is null"));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a line account needs a name");
        }
        Objects.requireNonNull(display, "display is null");
        Objects.requireNonNull(authUser, "authUser is null");
        Objects.requireNonNull(authPassword, "authPassword is null");
    }

    /** The account of a line; explicit credentials win over the extension's. */
    public static Optional<LineAccount> of(LineRecord line, UserDirectory users) {
        Set<String> names = new LinkedHashSet<>();
        line.username().ifPresent(names::add);
        line.extension().ifPresent(names::add);
        Optional<Extension> ext = line.extension().flatMap(users::find);
        ext.map(Extension::sipUser).filter(s -> !s.isBlank()).ifPresent(names::add);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String display = line.username().or(line::extension).orElseThrow();
        Optional<String> user;
        Optional<Secret> password;
        if (line.username().isPresent() && line.password().filter(p -> !p.isEmpty()).isPresent()) {
            user = line.username();
            password = line.password();
        } else if (ext.isPresent()) {
            user = Optional.of(ext.get().sipUser());
            password = Optional.of(ext.get().password()).filter(p -> !p.isEmpty());
        } else {
            user = Optional.empty();
            password = Optional.empty();
        }
        return Optional.of(new LineAccount(names, display, user, password));
    }
}
