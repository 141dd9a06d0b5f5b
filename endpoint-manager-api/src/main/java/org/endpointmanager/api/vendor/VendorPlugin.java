package org.endpointmanager.api.vendor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.driver.DeviceDriver;
import org.endpointmanager.api.driver.DriverContext;

/**
 * One phone vendor: how to recognise its phones' requests, and how to write their files.
 *
 * <p>Found through {@link java.util.ServiceLoader}. Implementations are stateless and thread-safe;
 * the engine calls them concurrently. New capabilities arrive as default methods.
 */
public interface VendorPlugin {

    /**
     * The stable vendor id, lowercase, for example {@code yealink}. It is stored in the database:
     * never change it.
     */
    String id();

    /** The name shown to people, for example {@code Yealink}. */
    String displayName();

    /** The vendor's built-in catalog of OUIs and models. */
    VendorCatalog catalog();

    /**
     * Reads a User-Agent. Returns empty when it is not one of this vendor's phones.
     * The input is hostile: parse strictly and bound the work.
     */
    Optional<PhoneIdentity> parseUserAgent(String userAgent);

    /**
     * Recognises a requested file as one of this vendor's. Returns empty when the name is not
     * one of its files. The engine refuses the request when the User-Agent's MAC contradicts the
     * path's.
     */
    Optional<FileRequest> recognize(RequestInfo request);

    /** Renders a recognised file (never {@link FileKind#NOT_SERVED}). */
    RenderedFile render(RenderContext context);

    /**
     * The file name of a device's main configuration below the provisioning base, for example
     * {@code 805ec0123456.cfg}. Used by PnP, TFTP and the console to show what a phone fetches.
     */
    String deviceConfigFileName(MacAddress mac, String model);

    /**
     * This plug-in working with an extended catalog: the built-in one plus the operator's additions
     * (new models, new OUIs), so recognition by OUI or model id covers them without a release. The
     * default ignores the catalog; the engine still uses the extended catalog for the model it
     * passes in {@link RenderContext#model()} and for OUI look-ups.
     */
    default VendorPlugin withCatalog(VendorCatalog extended) {
        return this;
    }

    /** The NOTIFY events this vendor's phones act on. */
    default NotifyEvents notifyEvents() {
        return NotifyEvents.CHECK_SYNC;
    }

    /** Firmware file extensions this vendor accepts, with the dot, lowercase. */
    default Set<String> firmwareExtensions() {
        return Set.of(".bin");
    }

    /** Raw parameter sections this vendor merges ("Additional Parameters"), the first is its own. */
    default List<String> rawParameterSections() {
        return List.of(id());
    }

    /** The file name of the phonebook below the provisioning base. */
    default String phonebookFileName() {
        return id() + "-phonebook.xml";
    }

    /** Renders a phonebook in the vendor's native format; empty when the vendor has none. */
    default Optional<RenderedFile> renderPhonebook(String title, List<PhonebookEntry> entries) {
        return Optional.empty();
    }

    /**
     * A driver that controls phones over their own management API (Grandstream's CGI), when the
     * vendor has one.
     */
    default Optional<DeviceDriver> deviceDriver(DriverContext context) {
        return Optional.empty();
    }
}
