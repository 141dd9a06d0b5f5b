package org.endpointmanager.vendor.fanvil;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RequestInfo;

/**
 * Recognises the files Fanvil phones ask for: {@code <mac>.cfg} (lowercase), the model common
 * files named in the catalog (exact spelling, they mix cases) and firmware descriptors
 * {@code fanvil_<model>_hwv<x>_<y>.txt}. A present User-Agent that is not a Fanvil one leaves the
 * request to other vendors (Yealink and Htek phones also ask for {@code <mac>.cfg}).
 */
final class FanvilRequests {

    private static final Pattern MAC_CFG = Pattern.compile("([0-9a-f]{12})\\.cfg");
    private static final Pattern FIRMWARE = Pattern.compile(
            "fanvil_([A-Za-z0-9\\-]{1,32})_hwv([0-9]{1,3})_([0-9]{1,3})\\.txt");

    private final String phonebookFileName;

    FanvilRequests(String phonebookFileName) {
        this.phonebookFileName = phonebookFileName;
    }

    Optional<FileRequest> recognize(RequestInfo request) {
        String name = request.fileName();
        if (name.length() > 64) {
            return Optional.empty();
        }
        Optional<PhoneIdentity> identity = request.userAgent().flatMap(FanvilUserAgent::parse);
        if (request.userAgent().isPresent() && identity.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> uaModel = identity.flatMap(PhoneIdentity::model);
        Matcher mac = MAC_CFG.matcher(name);
        if (mac.matches()) {
            return Optional.of(new FileRequest(FileKind.DEVICE, name, MacAddress.tryParse(mac.group(1)), uaModel, identity));
        }
        Optional<ModelInfo> common = FanvilCatalog.byCommonFile(name);
        if (common.isPresent()) {
            return Optional.of(new FileRequest(FileKind.COMMON, name, Optional.empty(),
                    common.map(ModelInfo::model), identity));
        }
        Matcher fw = FIRMWARE.matcher(name);
        if (fw.matches()) {
            Optional<String> model = FanvilCatalog.CATALOG.model(fw.group(1)).map(ModelInfo::model).or(() -> uaModel);
            return Optional.of(new FileRequest(FileKind.FIRMWARE, name, Optional.empty(), model, identity));
        }
        if (name.equals(phonebookFileName)) {
            return Optional.of(new FileRequest(FileKind.PHONEBOOK, name, Optional.empty(), uaModel, identity));
        }
        return Optional.empty();
    }
}
