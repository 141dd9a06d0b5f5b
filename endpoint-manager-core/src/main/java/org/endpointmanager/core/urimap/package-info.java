/**
 * Seed 002's URI mappings: a file name below {@code /provision/} that an admin maps to a template,
 * for phones that ask for a fixed name (older Yealink firmware's {@code y000000000028.cfg}). The
 * provisioning service consults them before the vendors.
 */
package org.endpointmanager.core.urimap;
