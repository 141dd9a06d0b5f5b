package org.endpointmanager.host.sip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.endpointmanager.api.host.DialHook;
import org.endpointmanager.api.host.DialResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dial hooks add-ons registered, asked in order; the first that claims the digits decides. */
public final class DialHooks {

    private static final Logger LOG = LoggerFactory.getLogger(DialHooks.class);

    private final List<DialHook> hooks = new CopyOnWriteArrayList<>();

    /** Adds a hook (called by add-ons through their host context). */
    public void register(DialHook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook is null"));
    }

    /** The first hook's decision, or empty when none claims the digits. */
    public Optional<DialResult> dialled(String digits, String sourceAddress, Optional<String> userAgent) {
        for (DialHook hook : hooks) {
            try {
                Optional<DialResult> r = hook.dialled(digits, sourceAddress, userAgent);
                if (r.isPresent()) {
                    return r;
                }
            } catch (RuntimeException e) {
                LOG.warn("dial hook {} failed: {}", hook.getClass().getName(), e.toString());
                return Optional.of(DialResult.retryLater("feature code failed"));
            }
        }
        return Optional.empty();
    }
}
