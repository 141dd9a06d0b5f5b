/**
 * Shared test support for vendor modules and the engine: the vendor conformance base test, a
 * testing host context, recording fakes and simulated phones.
 */
package org.endpointmanager.testkit;
