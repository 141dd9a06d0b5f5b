/** Prometheus metrics of the engine. */
package org.endpointmanager.core.metrics;
