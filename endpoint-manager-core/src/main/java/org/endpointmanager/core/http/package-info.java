/** HTTP plumbing shared by the console API and provisioning: the server, JSON, errors. */
package org.endpointmanager.core.http;
