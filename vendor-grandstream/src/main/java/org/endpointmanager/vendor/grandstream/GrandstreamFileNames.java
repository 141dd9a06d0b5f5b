package org.endpointmanager.vendor.grandstream;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;

/**
 * The files Grandstream phones ask for at boot, in their order: {@code cfg<mac>} (a binary
 * format: answered 404), {@code cfg<mac>.xml}, {@code cfg<model>.xml}, {@code cfg.xml}; plus the
 * phonebook and firmware images named {@code <model>fw.bin}.
 */
final class GrandstreamFileNames {

    static final String PHONEBOOK = "phonebook.xml";

    private static final int MAX_NAME = 64;
    private static final Pattern MAC_BINARY = Pattern.compile("cfg([0-9a-f]{12})");
    private static final Pattern MAC_XML = Pattern.compile("cfg([0-9a-f]{12})\\.xml");
    private static final Pattern MODEL_XML = Pattern.compile("cfg([a-z]{2,4}[0-9]{3,5}[a-z]{0,3})\\.xml");
    private static final Pattern FIRMWARE = Pattern.compile("([a-z]{2,4}[0-9]{3,5}[a-z]{0,3})fw\\.bin");

    private final VendorCatalog catalog;

    GrandstreamFileNames(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    Optional<FileRequest> recognize(RequestInfo request) {
        String original = request.fileName();
        if (original.isEmpty() || original.length() > MAX_NAME) {
            return Optional.empty();
        }
        String name = original.toLowerCase(Locale.ROOT);
        // every Grandstream name starts with cfg or ends in fw.bin, or is the phonebook: others are
        // refused before the User-Agent is parsed (every request asks every vendor)
        if (!name.startsWith("cfg") && !name.endsWith("fw.bin") && !name.equals(PHONEBOOK)) {
            return Optional.empty();
        }
        Optional<PhoneIdentity> identity = request.userAgent().flatMap(GrandstreamUserAgent::parse);
        Optional<String> uaModel = identity.flatMap(PhoneIdentity::model);

        Matcher m = MAC_BINARY.matcher(name);
        if (m.matches()) {
            return macFile(FileKind.NOT_SERVED, original, m.group(1), uaModel, identity);
        }
        m = MAC_XML.matcher(name);
        if (m.matches()) {
            return macFile(FileKind.DEVICE, original, m.group(1), uaModel, identity);
        }
        m = MODEL_XML.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileRequest(FileKind.COMMON, original, Optional.empty(),
                    Optional.of(canonicalModel(m.group(1))), identity));
        }
        if (name.equals("cfg.xml")) {
            return Optional.of(new FileRequest(FileKind.COMMON, original, Optional.empty(), uaModel, identity));
        }
        if (name.equals(PHONEBOOK)) {
            return Optional.of(new FileRequest(FileKind.PHONEBOOK, original, Optional.empty(), uaModel, identity));
        }
        m = FIRMWARE.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileRequest(FileKind.FIRMWARE, original, Optional.empty(),
                    Optional.of(canonicalModel(m.group(1))), identity));
        }
        return Optional.empty();
    }

    /**
     * {@code cfg<mac>} names are shared with Htek, so a MAC file is claimed only when the phone
     * says it is a Grandstream or the MAC carries one of Grandstream's OUIs.
     */
    private Optional<FileRequest> macFile(FileKind kind, String fileName, String hex,
            Optional<String> uaModel, Optional<PhoneIdentity> identity) {
        MacAddress mac = MacAddress.parse(hex);
        if (identity.isEmpty() && !catalog.ouis().contains(mac.oui())) {
            return Optional.empty();
        }
        return Optional.of(new FileRequest(kind, fileName, Optional.of(mac), uaModel, identity));
    }

    private String canonicalModel(String lowerName) {
        return catalog.model(lowerName).map(m -> m.model()).orElse(lowerName.toUpperCase(Locale.ROOT));
    }
}
