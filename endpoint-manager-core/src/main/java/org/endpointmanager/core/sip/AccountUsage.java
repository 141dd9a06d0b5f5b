package org.endpointmanager.core.sip;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.DeviceStore;
import org.endpointmanager.core.store.LineRecord;

/**
 * Which devices use which SIP account, over all lines of all devices: a NOTIFY to a shared
 * account could reach any phone registered with it, so it is refused. Taken once per job.
 */
public final class AccountUsage {

    private static final int PAGE = 1000;

    private final Map<String, Set<String>> devicesByName;

    private AccountUsage(Map<String, Set<String>> devicesByName) {
        this.devicesByName = devicesByName;
    }

    /** Reads every device's lines from the store. */
    public static AccountUsage scan(DeviceStore devices, UserDirectory users) {
        Objects.requireNonNull(devices, "devices is null");
        Map<String, Set<String>> byName = new HashMap<>();
        for (int offset = 0;; offset += PAGE) {
            List<DeviceRecord> page = devices.list(new DeviceQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), offset, PAGE));
            for (DeviceRecord d : page) {
                for (LineRecord line : d.lines()) {
                    LineAccount.of(line, users).ifPresent(a -> a.names()
                            .forEach(n -> byName.computeIfAbsent(n, k -> new HashSet<>()).add(d.id())));
                }
            }
            if (page.size() < PAGE) {
                return new AccountUsage(byName);
            }
        }
    }

    /** How many devices use any of the account's names. */
    public int devicesUsing(LineAccount account) {
        Set<String> ids = new HashSet<>();
        account.names().forEach(n -> ids.addAll(devicesByName.getOrDefault(n, Set.of())));
        return ids.size();
    }
}
