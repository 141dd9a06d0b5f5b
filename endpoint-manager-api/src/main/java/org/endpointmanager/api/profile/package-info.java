/**
 * The structured settings a phone is provisioned with, independent of vendor: lines (SIP
 * accounts), keys, codecs, time, network and features. Vendor generators turn a {@link
 * org.endpointmanager.api.profile.Profile} into their own file format.
 */
package org.endpointmanager.api.profile;
