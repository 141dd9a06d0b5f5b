/**
 * Several nodes on one database: the change log poll that keeps caches and settings current,
 * leases for jobs and singletons, and the check that all nodes share one secret key.
 */
package org.endpointmanager.core.cluster;
