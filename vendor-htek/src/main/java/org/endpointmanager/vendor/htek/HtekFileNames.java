package org.endpointmanager.vendor.htek;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;

/**
 * The files Htek phones ask for: {@code cfg<device code>.xml} (common), {@code cfg<mac>} (binary:
 * answered 404), {@code cfg<mac>.xml} and {@code <mac>.cfg} (both the device file), and the
 * phonebook. Factory images such as {@code factory0001.bin} are never recognised.
 */
final class HtekFileNames {

    static final String PHONEBOOK = "htek-phonebook.xml";

    private static final int MAX_NAME = 64;
    private static final Pattern CODE_XML = Pattern.compile("cfg([0-9]{4})\\.xml");
    private static final Pattern MAC_BINARY = Pattern.compile("cfg([0-9a-f]{12})");
    private static final Pattern MAC_XML = Pattern.compile("cfg([0-9a-f]{12})\\.xml");
    private static final Pattern MAC_CFG = Pattern.compile("([0-9a-f]{12})\\.cfg");

    private final VendorCatalog catalog;

    HtekFileNames(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    Optional<FileRequest> recognize(RequestInfo request) {
        String original = request.fileName();
        if (original.isEmpty() || original.length() > MAX_NAME) {
            return Optional.empty();
        }
        String name = original.toLowerCase(Locale.ROOT);
        // every Htek name starts with cfg or ends in .cfg, or is the phonebook: others are refused
        // before the User-Agent is parsed (every request asks every vendor)
        if (!name.startsWith("cfg") && !name.endsWith(".cfg") && !name.equals(PHONEBOOK)) {
            return Optional.empty();
        }
        Optional<PhoneIdentity> identity = request.userAgent().flatMap(HtekUserAgent::parse);
        Optional<String> uaModel = identity.flatMap(PhoneIdentity::model);

        Matcher m = CODE_XML.matcher(name);
        if (m.matches()) {
            String code = m.group(1);
            Optional<String> model = catalog.models().stream()
                    .filter(x -> code.equals(x.attribute("device_code", ""))).map(ModelInfo::model).findFirst();
            return Optional.of(new FileRequest(FileKind.COMMON, original, Optional.empty(), model.or(() -> uaModel),
                    identity));
        }
        m = MAC_BINARY.matcher(name);
        if (m.matches()) {
            return macFile(FileKind.NOT_SERVED, original, m.group(1), uaModel, identity);
        }
        m = MAC_XML.matcher(name);
        if (m.matches()) {
            return macFile(FileKind.DEVICE, original, m.group(1), uaModel, identity);
        }
        m = MAC_CFG.matcher(name);
        if (m.matches()) {
            return macFile(FileKind.DEVICE, original, m.group(1), uaModel, identity);
        }
        if (name.equals(PHONEBOOK)) {
            return Optional.of(new FileRequest(FileKind.PHONEBOOK, original, Optional.empty(), uaModel, identity));
        }
        return Optional.empty();
    }

    /**
     * MAC-named files are shared with Grandstream ({@code cfg<mac>}) and Yealink/Fanvil
     * ({@code <mac>.cfg}): claimed only when the phone says it is an Htek or the MAC has Htek's OUI.
     */
    private Optional<FileRequest> macFile(FileKind kind, String fileName, String hex,
            Optional<String> uaModel, Optional<PhoneIdentity> identity) {
        MacAddress mac = MacAddress.parse(hex);
        if (identity.isEmpty() && !catalog.ouis().contains(mac.oui())) {
            return Optional.empty();
        }
        return Optional.of(new FileRequest(kind, fileName, Optional.of(mac), uaModel, identity));
    }
}
