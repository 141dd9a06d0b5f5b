/**
 * Star-code self-binding (seed 002): a phone dials {@code *123*<extension>*<pin>} and is bound to
 * that extension, then resynced.
 */
package org.endpointmanager.core.binding;
