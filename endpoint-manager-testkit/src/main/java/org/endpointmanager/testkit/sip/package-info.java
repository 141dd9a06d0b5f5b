/** A scripted SIP phone for NOTIFY tests: real UDP on loopback, no SIP library. */
package org.endpointmanager.testkit.sip;
