package org.endpointmanager.vendor.snom;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.VendorCatalog;

/**
 * The file names Snom phones ask for:
 * {@code snom<model>.htm} (COMMON), {@code snom<model>-<MAC>.htm} (BOOT: lists {@code <MAC>.xml}),
 * {@code <MAC>.xml} (DEVICE), {@code snom<model>.xml} (COMMON, the name wazo's model file lists)
 * and the phonebook.
 */
final class SnomFileNames {

    /** No name Snom asks for is longer; longer names are refused before any matching. */
    static final int MAX_LENGTH = 64;

    private static final Pattern MODEL_HTM = Pattern.compile("(?i)snom([a-z0-9]{1,16})\\.htm");
    private static final Pattern MODEL_MAC_HTM = Pattern.compile("(?i)snom([a-z0-9]{1,16})-([0-9a-f]{12})\\.htm");
    private static final Pattern MAC_XML = Pattern.compile("(?i)([0-9a-f]{12})\\.xml");
    private static final Pattern MODEL_XML = Pattern.compile("(?i)snom([a-z0-9]{1,16})\\.xml");

    private final VendorCatalog catalog;
    private final String phonebookFileName;

    SnomFileNames(VendorCatalog catalog, String phonebookFileName) {
        this.catalog = catalog;
        this.phonebookFileName = phonebookFileName;
    }

    /**
     * Whether the name can be one of these at all (it ends in .htm or .xml, any case, or is the
     * phonebook): every request asks every vendor, so other names are refused before the
     * User-Agent is parsed.
     */
    boolean mayBeSnom(String name) {
        int n = name.length();
        return n <= MAX_LENGTH && (name.equals(phonebookFileName) || n > 4
                && (name.regionMatches(true, n - 4, ".htm", 0, 4) || name.regionMatches(true, n - 4, ".xml", 0, 4)));
    }

    Optional<FileRequest> recognize(String name, Optional<PhoneIdentity> identity) {
        if (name.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (name.equals(phonebookFileName)) {
            return Optional.of(new FileRequest(FileKind.PHONEBOOK, name, Optional.empty(), Optional.empty(), identity));
        }
        Matcher m = MODEL_MAC_HTM.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileRequest(FileKind.BOOT, name, MacAddress.tryParse(m.group(2)),
                    Optional.of(model(m.group(1))), identity));
        }
        m = MAC_XML.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileRequest(FileKind.DEVICE, name, MacAddress.tryParse(m.group(1)),
                    identity.flatMap(PhoneIdentity::model).map(this::model), identity));
        }
        m = MODEL_HTM.matcher(name);
        if (!m.matches()) {
            m = MODEL_XML.matcher(name);
        }
        if (m.matches()) {
            return Optional.of(new FileRequest(FileKind.COMMON, name, Optional.empty(),
                    Optional.of(model(m.group(1))), identity));
        }
        return Optional.empty();
    }

    /** The catalog's spelling when the model is known, else the name as the phone wrote it. */
    private String model(String raw) {
        return catalog.model(raw).map(mi -> mi.model()).orElse(raw);
    }
}
