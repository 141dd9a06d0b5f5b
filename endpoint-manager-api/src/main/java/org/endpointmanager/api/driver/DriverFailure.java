package org.endpointmanager.api.driver;

/**
 * Why a driver operation failed, so a job item, an audit entry and the console can say what to do
 * without parsing text.
 */
public enum DriverFailure {
    /** The outbound address guard refused the phone's address; nothing was sent. */
    ADDRESS_REFUSED,
    /** The phone could not be reached, or did not answer in time. */
    UNREACHABLE,
    /** The phone refused the user name or password; the driver did not try again. */
    WRONG_CREDENTIALS,
    /** The phone has locked its admin login after too many wrong attempts. */
    LOCKED,
    /** The phone reports another MAC than the device record: the address belongs to another phone. */
    MAC_MISMATCH,
    /** The phone answered, but refused or did not understand the operation. */
    REJECTED,
    /** The phone's answer could not be read. */
    PROTOCOL,
    /** The driver cannot do this with this phone or firmware. */
    UNSUPPORTED,
    /** The engine has no credentials, address or driver for this phone. */
    NOT_CONFIGURED
}
