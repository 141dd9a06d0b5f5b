/**
 * A simulated Grandstream phone speaking the CGI web API over HTTP on loopback, for driver and
 * route tests.
 */
package org.endpointmanager.testkit.grandstream;
