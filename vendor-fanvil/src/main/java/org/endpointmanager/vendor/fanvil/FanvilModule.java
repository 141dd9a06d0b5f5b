package org.endpointmanager.vendor.fanvil;

import java.util.Optional;

/** The modules of the text dialect, in file order, with the raw section that feeds each. */
enum FanvilModule {
    TOP(null, "fanvil"),
    SIP("SIP CONFIG MODULE", "fanvil-sip"),
    TELE("TELE CONFIG MODULE", "fanvil-tele"),
    AUTOUPDATE("AUTOUPDATE CONFIG MODULE", "fanvil-autoupdate"),
    PHONE("PHONE CONFIG MODULE", null),
    DSSKEY("DSSKEY CONFIG MODULE", null),
    QOS("QOS CONFIG MODULE", null),
    MMI("MMI CONFIG MODULE", null);

    private final String title;
    private final String rawSection;

    FanvilModule(String title, String rawSection) {
        this.title = title;
        this.rawSection = rawSection;
    }

    /** The header without angle brackets; empty for the lines before the first module. */
    Optional<String> title() {
        return Optional.ofNullable(title);
    }

    Optional<String> rawSection() {
        return Optional.ofNullable(rawSection);
    }
}
