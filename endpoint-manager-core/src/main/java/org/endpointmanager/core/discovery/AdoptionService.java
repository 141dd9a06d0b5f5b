package org.endpointmanager.core.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.DeviceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a sighting into a device (adopt) or forgets it (dismiss). The device is created through
 * {@link DeviceService#create}, so it passes the same validation and audit as one typed in by
 * hand; then the sighting goes, the adoption is audited, and the phone is told to re-fetch.
 */
public final class AdoptionService {

    private static final Logger LOG = LoggerFactory.getLogger(AdoptionService.class);

    private final DiscoveryService discovery;
    private final DeviceService devices;
    private final AuditLog audit;
    private final Supplier<AdoptionListener> listener;

    /**
     * Creates the service.
     *
     * @param listener read at each adoption, so the engine can wire the resync sender later
     */
    public AdoptionService(DiscoveryService discovery, DeviceService devices, AuditLog audit,
            Supplier<AdoptionListener> listener) {
        this.discovery = Objects.requireNonNull(discovery, "discovery is null");
        this.devices = Objects.requireNonNull(devices, "devices is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        this.listener = Objects.requireNonNull(listener, "listener is null");
    }

    /**
     * Adopts a discovered phone.
     *
     * @throws ApiException 404 when the MAC is not in Discovery; the device service's errors otherwise
     */
    public DeviceRecord adopt(MacAddress mac, AdoptionRequest request, String actor) {
        DiscoveryRecord sighting = discovery.find(mac).orElseThrow(() -> ApiException.notFound("discovered phone " + mac));
        ObjectNode body = Json.object();
        body.put("mac", mac.colons());
        body.put("vendor", sighting.vendor());
        request.model().or(sighting::model).ifPresent(m -> body.put("model", m));
        request.label().ifPresent(l -> body.put("label", l));
        request.siteId().ifPresent(s -> body.put("site_id", s));
        request.templateId().ifPresent(t -> body.put("template_id", t));
        body.put("ip_address", sighting.ip());
        body.put("extension", request.extension());
        DeviceRecord device = devices.create(body, actor);
        discovery.remove(mac);
        audit.record(actor, "discovery.adopt", mac.colons(), toJson(sighting), devices.toJson(device));
        LOG.info("discovery adopted mac={} vendor={} extension={} by={}", mac, sighting.vendor(), request.extension(), actor);
        try {
            listener.get().adopted(mac);
        } catch (RuntimeException e) {
            // The device exists either way; the phone picks it up at its next boot or resync.
            LOG.warn("adoption resync failed mac={} reason={}", mac, e.toString());
        }
        return device;
    }

    /**
     * Forgets a sighting. The phone reappears when it asks again.
     *
     * @throws ApiException 404 when the MAC is not in Discovery
     */
    public void dismiss(MacAddress mac, String actor) {
        DiscoveryRecord sighting = discovery.find(mac).orElseThrow(() -> ApiException.notFound("discovered phone " + mac));
        discovery.remove(mac);
        audit.record(actor, "discovery.dismiss", mac.colons(), toJson(sighting), null);
    }

    /** The device's console JSON view (never a secret). */
    public ObjectNode deviceJson(DeviceRecord device) {
        return devices.toJson(device);
    }

    /** The JSON view of a sighting. */
    public static ObjectNode toJson(DiscoveryRecord r) {
        ObjectNode o = Json.object();
        o.put("mac", r.mac().colons());
        o.put("vendor", r.vendor());
        o.put("model", r.model().orElse(null));
        o.put("firmware", r.firmware().orElse(null));
        o.put("ip", r.ip());
        o.put("source", r.source().id());
        o.put("first_seen", r.firstSeen().toString());
        o.put("last_seen", r.lastSeen().toString());
        o.put("seen_count", r.seenCount());
        return o;
    }
}
