package org.endpointmanager.core.registrations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * Joins provisioned devices with the registration table into seed 003's phone list.
 *
 * <p>A registration belongs to a device when its User-Agent carries the device's MAC; otherwise
 * when the device's line 1 is bound to the registered extension (or has it as user name) and the
 * registration's source address is the device's management address or the address of its latest
 * provisioning fetch. Every device appears once; live registrations that match no device appear
 * on their own.
 */
public final class PhoneList {

    /**
     * Seed 003's counters.
     *
     * @param totalPhones entries in the list
     * @param registered entries with a live registration
     * @param unregistered entries without one (provisioned devices that are not registered)
     * @param byType entries per device type
     */
    public record Stats(int totalPhones, int registered, int unregistered, Map<DeviceType, Integer> byType) {
        /** Copies the map. */
        public Stats {
            byType = Map.copyOf(byType);
        }
    }

    private final Database db;
    private final RegistrationStore store;
    private final VendorRegistry vendors;
    private final UserDirectory users;
    private final Clock clock;

    /** Creates the view. */
    public PhoneList(Database db, RegistrationStore store, VendorRegistry vendors, UserDirectory users, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** The phone list, devices by MAC first, then unmatched registrations by extension. */
    public List<PhoneEntry> phones() {
        Instant now = clock.instant();
        List<DeviceRecord> all = allDevices();
        Map<MacAddress, DeviceRecord> byMac = new HashMap<>();
        Map<String, List<DeviceRecord>> byAccount = new HashMap<>();
        for (DeviceRecord d : all) {
            byMac.put(d.mac(), d);
            line1(d).ifPresent(l -> {
                l.extension().ifPresent(x -> byAccount.computeIfAbsent(x, k -> new ArrayList<>()).add(d));
                l.username().filter(u -> !u.equals(l.extension().orElse(null)))
                        .ifPresent(u -> byAccount.computeIfAbsent(u, k -> new ArrayList<>()).add(d));
            });
        }
        Map<String, Optional<String>> fetchIp = new HashMap<>();
        Map<String, RegistrationRow> newestLive = new HashMap<>();
        Map<String, RegistrationRow> newestAny = new HashMap<>();
        Map<String, RegistrationRow> unmatched = new LinkedHashMap<>();
        for (RegistrationRow row : store.all()) {
            Optional<DeviceRecord> device = match(row, byMac, byAccount, fetchIp);
            if (device.isPresent()) {
                String id = device.get().id();
                newestAny.merge(id, row, PhoneList::newer);
                if (row.liveAt(now)) {
                    newestLive.merge(id, row, PhoneList::newer);
                }
            } else if (row.liveAt(now)) {
                unmatched.put(row.key(), row);
            }
        }
        List<PhoneEntry> out = new ArrayList<>();
        for (DeviceRecord d : all) {
            out.add(deviceEntry(d, Optional.ofNullable(newestLive.get(d.id())), Optional.ofNullable(newestAny.get(d.id()))));
        }
        unmatched.values().stream()
                .sorted(Comparator.comparing(RegistrationRow::extension).thenComparing(RegistrationRow::registeredAt))
                .forEach(r -> out.add(registrationEntry(r)));
        return out;
    }

    /** Counters over {@link #phones()}. */
    public Stats stats() {
        List<PhoneEntry> phones = phones();
        Map<DeviceType, Integer> byType = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            byType.put(t, 0);
        }
        int registered = 0;
        for (PhoneEntry p : phones) {
            byType.merge(p.deviceType(), 1, Integer::sum);
            if (p.registered()) {
                registered++;
            }
        }
        return new Stats(phones.size(), registered, phones.size() - registered, byType);
    }

    private List<DeviceRecord> allDevices() {
        List<DeviceRecord> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            List<DeviceRecord> page = db.devices().list(new DeviceQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), offset, 1000));
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
            offset += page.size();
        }
    }

    private Optional<DeviceRecord> match(RegistrationRow row, Map<MacAddress, DeviceRecord> byMac,
            Map<String, List<DeviceRecord>> byAccount, Map<String, Optional<String>> fetchIp) {
        if (row.classification().mac().isPresent()) {
            DeviceRecord d = byMac.get(row.classification().mac().get());
            if (d != null) {
                return Optional.of(d);
            }
        }
        for (DeviceRecord d : byAccount.getOrDefault(row.extension(), List.of())) {
            if (d.ipAddress().filter(row.sourceIp()::equals).isPresent()) {
                return Optional.of(d);
            }
            Optional<String> fetched = fetchIp.computeIfAbsent(d.id(),
                    k -> db.fetches().latest(d.mac()).map(FetchRecord::sourceIp));
            if (fetched.filter(row.sourceIp()::equals).isPresent()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private PhoneEntry deviceEntry(DeviceRecord d, Optional<RegistrationRow> live, Optional<RegistrationRow> any) {
        Optional<RegistrationRow> shown = live.or(() -> any);
        Optional<String> extension = shown.map(RegistrationRow::extension)
                .or(() -> line1(d).flatMap(l -> l.extension().or(l::username)));
        Optional<String> manufacturer = vendors.find(d.vendor()).map(v -> v.displayName())
                .or(() -> Optional.of(d.vendor()));
        Optional<String> model = Optional.of(d.model()).filter(m -> !m.isBlank())
                .or(() -> shown.flatMap(r -> r.classification().model()));
        Optional<String> ip = live.map(RegistrationRow::sourceIp).or(d::ipAddress);
        return new PhoneEntry(d.id(), extension, extension.flatMap(this::extensionName), DeviceType.HARDWARE,
                manufacturer, model, Optional.of(d.mac()), ip, live.isPresent(), any.map(RegistrationRow::registeredAt),
                shown.flatMap(RegistrationRow::userAgent));
    }

    private PhoneEntry registrationEntry(RegistrationRow r) {
        UaClassification c = r.classification();
        return new PhoneEntry("reg-" + r.key().substring(0, 16), Optional.of(r.extension()), extensionName(r.extension()),
                c.type(), c.manufacturer(), c.model(), c.mac(), Optional.of(r.sourceIp()), true,
                Optional.of(r.registeredAt()), r.userAgent());
    }

    private Optional<String> extensionName(String number) {
        return users.find(number).map(Extension::displayName);
    }

    private static Optional<LineRecord> line1(DeviceRecord d) {
        return d.lines().stream().filter(l -> l.index() == 1).findFirst();
    }

    private static RegistrationRow newer(RegistrationRow a, RegistrationRow b) {
        return b.registeredAt().isAfter(a.registeredAt()) ? b : a;
    }
}
