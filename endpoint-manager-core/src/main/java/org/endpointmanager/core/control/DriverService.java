package org.endpointmanager.core.control;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.driver.DeviceDriver;
import org.endpointmanager.api.driver.DeviceStatus;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;
import org.endpointmanager.api.driver.DriverResult;
import org.endpointmanager.api.driver.DriverTarget;
import org.endpointmanager.api.driver.OutboundHttp;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.provisioning.ProvisioningException;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-phone control through the vendor's device driver: push config, reboot, factory reset,
 * firmware URL, status poll. Each call is one phone and returns an {@link Outcome} a job item
 * records, so routes, bulk jobs and the firmware rollout can all call it the same way.
 *
 * <p>Drivers get a {@link GuardedHttpClient} bound to the phone's site (its subnets, read live),
 * one per vendor and site, so their sessions and cookies are kept between calls. When a phone
 * refuses the stored credentials (wrong password, locked), they are marked refused and no further
 * login is tried with them until someone sets them again: repeated polls must never walk a phone
 * into its lock-out.
 */
public final class DriverService {

    private static final Logger LOG = LoggerFactory.getLogger(DriverService.class);

    /**
     * The result of one operation on one phone.
     *
     * @param ok whether it succeeded
     * @param failure why it failed
     * @param detail what happened, for people (never a secret)
     */
    public record Outcome(boolean ok, Optional<DriverFailure> failure, String detail) {
        /** Rejects nulls. */
        public Outcome {
            Objects.requireNonNull(failure, "failure is null");
            Objects.requireNonNull(detail, "detail is null");
        }

        static Outcome success(String detail) {
            return new Outcome(true, Optional.empty(), detail);
        }

        static Outcome failed(DriverFailure failure, String detail) {
            return new Outcome(false, Optional.of(failure), detail);
        }

        /** As a job item result: the failure code leads the detail ({@code wrong_credentials: ...}). */
        public JobRunner.ItemResult toItem() {
            return new JobRunner.ItemResult(ok, failure.map(f -> f.name().toLowerCase(Locale.ROOT) + ": ").orElse("") + detail);
        }
    }

    @FunctionalInterface
    private interface Operation {
        String run(DeviceDriver driver, DriverTarget target);
    }

    private final Database db;
    private final VendorRegistry vendors;
    private final ProvisioningService provisioning;
    private final OutboundAddressGuard guard;
    private final HttpTimeouts limits;
    private final ControlStore store;
    private final Clock clock;
    private final Map<String, Optional<DeviceDriver>> drivers = new ConcurrentHashMap<>();

    /** Creates the service. */
    public DriverService(Database db, VendorRegistry vendors, ProvisioningService provisioning, OutboundAddressGuard guard,
            HttpTimeouts limits, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning is null");
        this.guard = Objects.requireNonNull(guard, "guard is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.store = new ControlStore(db.jdbi(), db.secrets());
    }

    /** The control tables. */
    public ControlStore store() {
        return store;
    }

    /** Whether the device's vendor has a driver. */
    public boolean hasDriver(DeviceRecord device) {
        return driver(device).isPresent();
    }

    /** Stores a phone's admin login (sealed at rest), clears a refusal and drops kept sessions. */
    public void setCredentials(DeviceRecord device, String username, Secret password, int port) {
        Optional<PhoneCredentials> before = store.credentials(device.id());
        store.putCredentials(device.id(), username, password, port, clock.instant());
        Optional<DeviceDriver> driver = driver(device);
        if (driver.isPresent() && device.ipAddress().isPresent()) {
            before.ifPresent(c -> driver.get().forget(target(device, c)));
        }
        LOG.info("phone credentials set: mac={} user={}", device.mac(), username);
    }

    /** Pushes the device's rendered configuration; reboots afterwards when asked. */
    public Outcome provision(DeviceRecord device, boolean force, boolean rebootAfter) {
        return run(device, "provision", (driver, target) -> {
            Map<String, String> values;
            try {
                values = driver.configValues(provisioning.preview(device, Optional.empty()).file());
            } catch (ProvisioningException | IllegalArgumentException e) {
                throw new DriverException(DriverFailure.REJECTED, "the device's configuration cannot be rendered: "
                        + e.getMessage());
            }
            DriverResult pushed = driver.pushConfig(target, values, force);
            if (!rebootAfter || !pushed.ok()) {
                return pushed.detail();
            }
            DriverResult rebooted = driver.reboot(target);
            return pushed.detail() + "; " + rebooted.detail();
        });
    }

    /** Reboots the phone through its driver. */
    public Outcome reboot(DeviceRecord device) {
        return run(device, "reboot", (driver, target) -> driver.reboot(target).detail());
    }

    /** Resets the phone to factory defaults through its driver. */
    public Outcome factoryReset(DeviceRecord device) {
        return run(device, "factory-reset", (driver, target) -> driver.factoryReset(target).detail());
    }

    /** Points the phone at a firmware URL and records the push in the history. */
    public Outcome pushFirmware(DeviceRecord device, String firmwareUrl, Optional<String> targetVersion, String actor,
            Optional<String> jobId) {
        Outcome o = sendFirmware(device, firmwareUrl);
        recordFirmwarePush(device, firmwareUrl, targetVersion, actor, jobId, o.ok() ? "sent" : "failed", o.toItem().detail());
        return o;
    }

    /** Points the phone at a firmware URL without recording it (the caller records the final result). */
    public Outcome sendFirmware(DeviceRecord device, String firmwareUrl) {
        return run(device, "firmware", (driver, target) -> driver.pushFirmware(target, firmwareUrl).detail());
    }

    /** Appends one entry to the firmware push history. */
    public void recordFirmwarePush(DeviceRecord device, String firmwareUrl, Optional<String> targetVersion, String actor,
            Optional<String> jobId, String status, String detail) {
        store.recordFirmwarePush(new FirmwarePushRecord(UUID.randomUUID().toString(), device.mac().lower(), firmwareUrl,
                targetVersion, jobId, actor, status, detail, clock.instant()));
    }

    /**
     * Why the phone cannot be driven over HTTP (no driver, no address, no or refused credentials);
     * empty when it can. Bulk operations fall back to SIP NOTIFY for such phones.
     */
    public Optional<String> whyNotDrivable(DeviceRecord device) {
        if (driver(device).isEmpty()) {
            return Optional.of("vendor " + device.vendor() + " has no HTTP driver");
        }
        if (device.ipAddress().isEmpty()) {
            return Optional.of("no ip_address");
        }
        Optional<PhoneCredentials> creds = store.credentials(device.id());
        if (creds.isEmpty()) {
            return Optional.of("no stored credentials");
        }
        if (creds.get().refused().isPresent()) {
            return Optional.of("stored credentials were refused by the phone");
        }
        return Optional.empty();
    }

    /** Polls the phone's status and stores it (or the error) as its last poll. */
    public Outcome pollStatus(DeviceRecord device) {
        Outcome o = run(device, "status", (driver, target) -> {
            DeviceStatus s = driver.pollStatus(target);
            store.saveStatus(device.id(), clock.instant(), s.model(), s.firmware(), s.mac(), s.ipAddress(),
                    s.registered(), s.uptime());
            return "status read" + s.firmware().map(f -> ": firmware " + f).orElse("");
        });
        if (!o.ok()) {
            store.saveStatusError(device.id(), clock.instant(), o.toItem().detail());
        }
        return o;
    }

    private Outcome run(DeviceRecord device, String what, Operation op) {
        Optional<DeviceDriver> driver = driver(device);
        if (driver.isEmpty()) {
            return Outcome.failed(DriverFailure.NOT_CONFIGURED, "vendor " + device.vendor() + " has no HTTP driver");
        }
        if (device.ipAddress().isEmpty()) {
            return Outcome.failed(DriverFailure.NOT_CONFIGURED, "the device has no ip_address");
        }
        Optional<PhoneCredentials> creds = store.credentials(device.id());
        if (creds.isEmpty()) {
            return Outcome.failed(DriverFailure.NOT_CONFIGURED,
                    "no phone credentials; set them with PUT .../devices/{mac}/credentials");
        }
        if (creds.get().refused().isPresent()) {
            return Outcome.failed(DriverFailure.WRONG_CREDENTIALS, "not tried: the phone refused these credentials before ("
                    + creds.get().refused().get() + "); set them again");
        }
        try {
            String detail = op.run(driver.get(), target(device, creds.get()));
            LOG.info("phone {} ok: mac={} {}", what, device.mac(), detail);
            return Outcome.success(detail);
        } catch (DriverException e) {
            if (e.failure() == DriverFailure.WRONG_CREDENTIALS || e.failure() == DriverFailure.LOCKED) {
                store.markRefused(device.id(), e.getMessage());
            }
            LOG.warn("phone {} failed: mac={} reason={} {}", what, device.mac(), e.failure(), e.getMessage());
            return Outcome.failed(e.failure(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("phone {} failed: mac={} {}", what, device.mac(), e.toString(), e);
            return Outcome.failed(DriverFailure.PROTOCOL, "internal error; see the server log");
        }
    }

    private static DriverTarget target(DeviceRecord device, PhoneCredentials creds) {
        return new DriverTarget(device.mac(), device.ipAddress().orElseThrow(), creds.port(), creds.username(),
                creds.password());
    }

    private Optional<DeviceDriver> driver(DeviceRecord device) {
        String key = device.vendor() + "|" + device.siteId();
        return drivers.computeIfAbsent(key, k -> vendors.find(device.vendor()).flatMap(plugin -> {
            String siteId = device.siteId();
            OutboundHttp http = new GuardedHttpClient(guard, () -> siteSubnets(siteId), limits);
            return plugin.deviceDriver(() -> http);
        }));
    }

    private List<Cidr> siteSubnets(String siteId) {
        return db.sites().find(siteId).map(SiteRecord::subnets).orElse(List.of()).stream().map(Cidr::parse).toList();
    }

    /** The device store (the fleet listing pages through it). */
    public org.endpointmanager.core.store.DeviceStore deviceStore() {
        return db.devices();
    }

    /** A device by MAC, for job items that carry the MAC. */
    public Optional<DeviceRecord> device(MacAddress mac) {
        return db.devices().findByMac(mac);
    }
}
