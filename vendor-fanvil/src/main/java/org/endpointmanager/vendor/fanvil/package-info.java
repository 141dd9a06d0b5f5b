/**
 * The Fanvil vendor plug-in: MAC, model-common and firmware-descriptor file recognition, the
 * {@code <<VOIP CONFIG FILE>>} text dialect and the {@code <sysConf>} XML dialect, the XML
 * phonebook and the NOTIFY events of Fanvil phones.
 */
package org.endpointmanager.vendor.fanvil;
