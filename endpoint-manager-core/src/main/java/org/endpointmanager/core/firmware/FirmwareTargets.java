package org.endpointmanager.core.firmware;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.FetchStore;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * Which firmware a phone should run and where it downloads it: the repository's selection for the
 * phone's vendor, model and hardware revision (from this request's User-Agent, else from its last
 * recorded fetch).
 */
public final class FirmwareTargets {

    private final FirmwareRepository repository;
    private final VendorRegistry vendors;
    private final FetchStore fetches;

    /** Creates the selector. */
    public FirmwareTargets(FirmwareRepository repository, VendorRegistry vendors, FetchStore fetches) {
        this.repository = Objects.requireNonNull(repository, "repository is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.fetches = Objects.requireNonNull(fetches, "fetches is null");
    }

    /**
     * The firmware for a phone.
     *
     * @param vendor vendor id
     * @param model the model, when known
     * @param mac the phone, when known (its last fetch tells the hardware revision)
     * @param identity what this request's User-Agent said, when anything
     */
    public Optional<FirmwareRecord> target(String vendor, Optional<String> model, Optional<MacAddress> mac,
            Optional<PhoneIdentity> identity) {
        Optional<String> m = model.filter(s -> !s.isBlank()).or(() -> identity.flatMap(PhoneIdentity::model));
        return repository.select(vendor, m, () -> identity.flatMap(PhoneIdentity::hardwareRevision)
                .or(() -> mac.flatMap(this::lastIdentity).flatMap(PhoneIdentity::hardwareRevision)));
    }

    /** The download URL of a row below a provisioning base (without trailing slash). */
    public static String url(String provisioningBase, FirmwareRecord r) {
        String base = provisioningBase.endsWith("/") ? provisioningBase : provisioningBase + "/";
        return base + r.downloadPath();
    }

    /**
     * What the phone's last recorded fetch said about itself (the newest this node knows of: the
     * hardware revision does not change between fetches, so no query per request is needed).
     */
    public Optional<PhoneIdentity> lastIdentity(MacAddress mac) {
        Optional<FetchRecord> last = fetches.latestSeen(mac);
        Optional<String> ua = last.flatMap(FetchRecord::userAgent);
        if (ua.isEmpty()) {
            return Optional.empty();
        }
        for (VendorPlugin p : vendors.all()) {
            try {
                Optional<PhoneIdentity> id = p.parseUserAgent(ua.get());
                if (id.isPresent()) {
                    return id;
                }
            } catch (RuntimeException e) {
                // a plug-in that trips on a hostile User-Agent does not know it
            }
        }
        return Optional.empty();
    }
}
