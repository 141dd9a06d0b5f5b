/** Jobs: operations over many devices with bounded concurrency, progress and per-device results. */
package org.endpointmanager.core.jobs;
