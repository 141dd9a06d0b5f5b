package org.endpointmanager.core.pnp;

import java.util.Objects;

/**
 * The provisioning URL a NOTIFY carries, in the form each vendor's phones expect.
 *
 * <ul>
 *   <li>Yealink, Fanvil, Grandstream, Htek and unknown vendors: the provisioning directory,
 *       {@code <base>/}; the phone appends its own boot file names ({@code y000000000000.boot},
 *       {@code <mac>.cfg}, {@code cfg<mac>.xml}, ...).</li>
 *   <li>Snom: a URL with Snom's {@code {mac}} placeholder, {@code <base>/{mac}.xml}; the phone
 *       stores it as its setting server and fills in its own MAC (the device file the Snom
 *       plug-in serves as {@code <MAC>.xml}).</li>
 * </ul>
 */
public final class PnpUrlForms {

    private PnpUrlForms() {
    }

    /** The URL for a vendor's phones, from the provisioning base (without trailing slash). */
    public static String url(String vendorId, String provisionUrlBase) {
        Objects.requireNonNull(vendorId, "vendorId is null");
        String base = Objects.requireNonNull(provisionUrlBase, "provisionUrlBase is null");
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (vendorId.equals("snom")) {
            return base + "/{mac}.xml";
        }
        return base + "/";
    }
}
