/**
 * The Yealink vendor plug-in: boot/common/MAC file recognition, {@code key = value} configuration
 * files, the XML remote phonebook and the NOTIFY events of Yealink desk and DECT phones.
 */
package org.endpointmanager.vendor.yealink;
