package org.endpointmanager.vendor.yealink;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RequestInfo;

/**
 * Recognises the files Yealink phones ask for. Names are lowercase as the phones write them; a
 * request whose User-Agent is present but is not a Yealink one is left to other vendors (Fanvil
 * and Htek phones also ask for {@code <mac>.cfg}).
 */
final class YealinkRequests {

    static final String COMMON_BOOT = "y000000000000.boot";

    private static final Pattern MAC_BOOT = Pattern.compile("([0-9a-f]{12})\\.boot");
    private static final Pattern MODEL_CFG = Pattern.compile("y([0-9]{12})\\.cfg");
    private static final Pattern MAC_CFG = Pattern.compile("([0-9a-f]{12})\\.cfg");
    private static final Pattern LOCAL_CFG = Pattern.compile("([0-9a-f]{12})-local\\.cfg");

    private final String phonebookFileName;

    YealinkRequests(String phonebookFileName) {
        this.phonebookFileName = phonebookFileName;
    }

    Optional<FileRequest> recognize(RequestInfo request) {
        String name = request.fileName();
        if (name.length() > 40) {
            return Optional.empty();
        }
        // every Yealink name ends in .cfg or .boot, or is the phonebook: others are refused before
        // the User-Agent is parsed (every request asks every vendor)
        if (!name.endsWith(".cfg") && !name.endsWith(".boot") && !name.equals(phonebookFileName)) {
            return Optional.empty();
        }
        Optional<PhoneIdentity> identity = request.userAgent().flatMap(YealinkUserAgent::parse);
        if (request.userAgent().isPresent() && identity.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> uaModel = identity.flatMap(PhoneIdentity::model);
        if (name.equals(COMMON_BOOT)) {
            return Optional.of(new FileRequest(FileKind.BOOT, name, Optional.empty(), uaModel, identity));
        }
        if (name.equals(phonebookFileName)) {
            return Optional.of(new FileRequest(FileKind.PHONEBOOK, name, Optional.empty(), uaModel, identity));
        }
        Matcher m = MODEL_CFG.matcher(name);
        if (m.matches()) {
            int id = Integer.parseInt(m.group(1));
            if (id == 0) {
                return Optional.empty();
            }
            Optional<String> model = YealinkCatalog.modelForId(id, uaModel);
            return Optional.of(new FileRequest(FileKind.COMMON, name, Optional.empty(), model, identity));
        }
        return macFile(MAC_BOOT, FileKind.BOOT, name, uaModel, identity)
                .or(() -> macFile(MAC_CFG, FileKind.DEVICE, name, uaModel, identity))
                .or(() -> macFile(LOCAL_CFG, FileKind.NOT_SERVED, name, uaModel, identity));
    }

    private static Optional<FileRequest> macFile(Pattern p, FileKind kind, String name, Optional<String> model,
            Optional<PhoneIdentity> identity) {
        Matcher m = p.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FileRequest(kind, name, MacAddress.tryParse(m.group(1)), model, identity));
    }
}
