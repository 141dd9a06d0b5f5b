/** The audit trail: every write, who did it, and what changed (secrets masked). */
package org.endpointmanager.core.audit;
