/**
 * Device drivers: control of phones over their own management API (reboot, factory reset,
 * firmware push, config push, status), as an alternative to SIP NOTIFY.
 */
package org.endpointmanager.api.driver;
