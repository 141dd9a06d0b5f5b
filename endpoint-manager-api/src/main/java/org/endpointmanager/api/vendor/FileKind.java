package org.endpointmanager.api.vendor;

/** What a requested provisioning file is, which decides what it may contain. */
public enum FileKind {
    /** A boot/index file that lists other files (Yealink {@code .boot}, Snom setting-files list). */
    BOOT,
    /** A file shared by many phones (model or vendor wide). Never carries secrets. */
    COMMON,
    /** The file for one device, named by its MAC. Carries its accounts and secrets. */
    DEVICE,
    /** The remote phonebook in the vendor's format. */
    PHONEBOOK,
    /** A firmware descriptor or image. */
    FIRMWARE,
    /** A file the phone asks for that must be answered with 404 (for example Grandstream's binary {@code cfg<mac>}). */
    NOT_SERVED
}
