package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.security.DeviceAccessStore;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.DeviceStore;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * {@code GET /provisioning-urls} (READ): what to put in DHCP option 66/160 for each installed vendor
 * (the provisioning folder, ending in {@code /}, that the vendor's phones append their file names to)
 * and, with {@code ?mac=}, that device's own URLs. A device's token travels in its token base URL,
 * which the phone must know; it is shown only to roles that may rotate it (MANAGE_DEVICES), and each
 * showing is audited; a viewer learns only that there is one.
 */
public final class ProvisioningUrlRoutes {

    private ProvisioningUrlRoutes() {
    }

    /**
     * Mounts the route.
     *
     * @param tftpPort the TFTP listener's port while it runs
     */
    public static void mount(ConsoleRouter r, VendorRegistry vendors, DeviceStore devices, ProvisioningAccessPolicy policy,
            DeviceAccessStore access, Supplier<String> provisionUrlBase, Supplier<Optional<Integer>> tftpPort,
            AuditLog audit) {
        r.get("/provisioning-urls", Permission.READ, (ctx, p) -> {
            Optional<MacAddress> mac = Fields.query(ctx, "mac", 32).map(m -> MacAddress.tryParse(m)
                    .orElseThrow(() -> ApiException.invalid("mac", "mac is not a MAC address")));
            String base = provisionUrlBase.get();
            String folder = base + "/";
            ObjectNode out = Json.object();
            out.put("provision_url_base", base);
            ObjectNode tftp = out.putObject("tftp");
            Optional<Integer> port = tftpPort.get();
            tftp.put("running", port.isPresent());
            port.ifPresent(n -> {
                tftp.put("port", n);
                // a bare host in option 66 means TFTP on port 69; another port cannot be given that way
                host(base).filter(h -> n == 69).ifPresent(h -> tftp.put("option_66", h));
            });
            ArrayNode arr = out.putArray("vendors");
            for (VendorPlugin plugin : vendors.all().stream().sorted(Comparator.comparing(VendorPlugin::id)).toList()) {
                ObjectNode v = arr.addObject();
                v.put("vendor", plugin.id());
                v.put("display_name", plugin.displayName());
                v.put("option_66", folder);
                v.put("option_160", folder);
                sampleMac(vendors, plugin).ifPresent(m ->
                        v.put("example_device_file", folder + plugin.deviceConfigFileName(m, "")));
            }
            if (mac.isPresent()) {
                DeviceRecord d = devices.findByMac(mac.get()).orElseThrow(() -> ApiException.notFound("device"));
                Optional<DeviceAccessStore.Access> a = access.find(d.mac());
                boolean hasToken = a.flatMap(DeviceAccessStore.Access::token).isPresent();
                boolean hasCredentials = a.map(DeviceAccessStore.Access::hasCredentials).orElse(false);
                boolean mayReveal = p.role().atLeast(Role.OPERATOR);
                String file = vendors.find(d.vendor()).map(v -> v.deviceConfigFileName(d.mac(), d.model()))
                        .orElse(d.mac().lower());
                ObjectNode dev = out.putObject("device");
                dev.put("mac", d.mac().colons());
                dev.put("vendor", d.vendor());
                dev.put("model", d.model());
                dev.put("config_file", folder + file);
                dev.put("has_token", hasToken);
                if (hasToken && mayReveal) {
                    String tokenBase = policy.baseUrlFor(Optional.of(d.mac()), base);
                    dev.put("token_base_url", tokenBase);
                    dev.put("token_config_file", tokenBase + file);
                    // the rotation route shows a token once; showing it again is recorded
                    audit.record(p.name(), "device.token.view", d.mac().colons(), null, Json.object().put("route", "provisioning-urls"));
                } else {
                    dev.putNull("token_base_url");
                }
                dev.put("token_hidden", hasToken && !mayReveal);
                dev.put("has_http_credentials", hasCredentials);
                if (hasCredentials) {
                    dev.put("credentials_base_url", base + "/a/");
                }
            }
            Responses.json(ctx, out);
        });
    }

    private static Optional<MacAddress> sampleMac(VendorRegistry vendors, VendorPlugin plugin) {
        return vendors.catalog(plugin.id()).ouis().stream().sorted().findFirst()
                .flatMap(oui -> MacAddress.tryParse(oui + "a1b2c3"));
    }

    private static Optional<String> host(String base) {
        try {
            return Optional.ofNullable(URI.create(base).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
